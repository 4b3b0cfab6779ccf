using System.Reflection;
using System.Text;
using Cpoms.TwoFactor.Testing;

namespace Cpoms.TwoFactor.Totp.Tests;

/// <summary>
/// The package's public API is the approved text file <c>PublicApi.approved.txt</c>. A change to the API fails
/// this test until the file is updated on purpose (the failure message shows the new text).
/// </summary>
public sealed class PublicApiTests
{
    [Fact]
    public void PublicApi_MatchesApprovedFile()
    {
        var approvedPath = Path.Combine(RepositoryPaths.Root, "tests", "Cpoms.TwoFactor.Totp.Tests", "PublicApi.approved.txt");
        var actual = Describe(typeof(TotpOptions).Assembly);

        var approved = File.Exists(approvedPath) ? File.ReadAllText(approvedPath).ReplaceLineEndings("\n") : "";

        Assert.True(approved == actual, "The public API changed. New API:\n" + actual);
    }

    private static string Describe(Assembly assembly)
    {
        var text = new StringBuilder();
        foreach (var type in assembly.GetExportedTypes().OrderBy(t => t.FullName, StringComparer.Ordinal))
        {
            text.Append(Kind(type)).Append(' ').Append(type.FullName).Append('\n');
            var members = type.GetMembers(BindingFlags.Public | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly)
                .Where(m => m is not MethodInfo { IsSpecialName: true } || m.Name.StartsWith("op_", StringComparison.Ordinal))
                .Where(m => !(type.IsEnum && m.Name == "value__"))
                .Select(m => "  " + m.MemberType + " " + m)
                .OrderBy(s => s, StringComparer.Ordinal);
            foreach (var member in members)
            {
                text.Append(member).Append('\n');
            }
        }

        return text.ToString();
    }

    private static string Kind(Type type) =>
        type.IsEnum ? "enum" :
        type.IsInterface ? "interface" :
        type.IsValueType ? "struct" :
        type.IsAbstract && type.IsSealed ? "static class" :
        type.IsSealed ? "sealed class" : "class";
}
