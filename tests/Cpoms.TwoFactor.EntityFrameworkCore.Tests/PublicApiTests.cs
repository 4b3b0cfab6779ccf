using System.Reflection;
using System.Text;
using Cpoms.TwoFactor.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace Cpoms.TwoFactor.EntityFrameworkCore.Tests;

// The package's public surface is reviewed as text: a change to it shows up as a change to the approved file.
public sealed class PublicApiTests
{
    private static readonly Assembly Package = typeof(CpomsTwoFactorModelBuilderExtensions).Assembly;

    [Fact]
    public void PublicApi_MatchesTheApprovedFile()
    {
        var approved = File.ReadAllText(
            Path.Combine(RepositoryPaths.Root, "tests", "Cpoms.TwoFactor.EntityFrameworkCore.Tests", "PublicApi.approved.txt"));

        var actual = Describe(Package);

        // On a difference, the received text is left in the temp directory to review and copy over the approved file.
        if (!string.Equals(approved.ReplaceLineEndings("\n"), actual, StringComparison.Ordinal))
        {
            File.WriteAllText(Path.Combine(Path.GetTempPath(), "Cpoms.TwoFactor.EntityFrameworkCore.PublicApi.received.txt"), actual);
        }

        Assert.Equal(approved.ReplaceLineEndings("\n"), actual);
    }

    [Fact]
    public void Log_EventIds_AreUniqueAndInTheEntityFrameworkCoreRange()
    {
        var ids = typeof(Log).GetMethods(BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Static)
            .Select(m => m.GetCustomAttribute<LoggerMessageAttribute>())
            .OfType<LoggerMessageAttribute>()
            .Select(a => a.EventId)
            .ToArray();

        Assert.NotEmpty(ids);
        Assert.Equal(ids.Length, ids.Distinct().Count());
        Assert.All(ids, id => Assert.InRange(id, 6000, 6999));
    }

    private static string Describe(Assembly assembly)
    {
        var nullability = new NullabilityInfoContext();
        var text = new StringBuilder();
        foreach (var type in assembly.GetExportedTypes().OrderBy(t => t.FullName, StringComparer.Ordinal))
        {
            text.Append(TypeKeyword(type)).Append(' ').Append(type.FullName).Append('\n');
            const BindingFlags declared = BindingFlags.Public | BindingFlags.Static | BindingFlags.Instance | BindingFlags.DeclaredOnly;
            var members = new List<string>();
            members.AddRange(type.GetFields(declared).Select(f =>
                $"  {(f.IsLiteral ? "const" : f.IsStatic ? "static" : "field")} {Name(f.FieldType)} {f.Name}" +
                (f.IsLiteral ? $" = {Literal(f.GetRawConstantValue())}" : "")));
            members.AddRange(type.GetProperties(declared).Select(p =>
                $"  {(p.GetMethod?.IsStatic == true ? "static " : "")}{Name(p.PropertyType)} {p.Name} {{ {(p.CanRead ? "get; " : "")}{(p.SetMethod?.IsPublic == true ? "set; " : "")}}}"));
            members.AddRange(type.GetConstructors(declared).Select(c => $"  .ctor({Parameters(c, nullability)})"));
            members.AddRange(type.GetMethods(declared).Where(m => !m.IsSpecialName).Select(m =>
                $"  {(m.IsStatic ? "static " : "")}{Name(m.ReturnType)} {m.Name}{Generic(m)}({Parameters(m, nullability)}){Constraints(m)}"));
            foreach (var member in members.Order(StringComparer.Ordinal))
            {
                text.Append(member).Append('\n');
            }
        }

        return text.ToString();
    }

    private static string TypeKeyword(Type type) =>
        type.IsInterface ? "interface"
        : type.IsEnum ? "enum"
        : type.IsValueType ? "struct"
        : type is { IsAbstract: true, IsSealed: true } ? "static class"
        : type.IsSealed ? "sealed class"
        : "class";

    private static string Generic(MethodInfo method) =>
        method.IsGenericMethod ? "<" + string.Join(", ", method.GetGenericArguments().Select(a => a.Name)) + ">" : "";

    private static string Constraints(MethodInfo method) => string.Concat(
        method.GetGenericArguments()
            .Where(a => a.GetGenericParameterConstraints().Length > 0)
            .Select(a => $" where {a.Name} : {string.Join(", ", a.GetGenericParameterConstraints().Select(Name))}"));

    private static string Parameters(MethodBase method, NullabilityInfoContext nullability) => string.Join(", ", method.GetParameters().Select(p =>
        (p.Position == 0 && method.IsDefined(typeof(System.Runtime.CompilerServices.ExtensionAttribute)) ? "this " : "") +
        Name(p.ParameterType) + (nullability.Create(p).ReadState == NullabilityState.Nullable && !p.ParameterType.IsValueType ? "?" : "") +
        " " + p.Name + (p.HasDefaultValue ? " = " + Literal(p.DefaultValue) : "")));

    private static string Literal(object? value) => value switch
    {
        null => "null",
        string s => "\"" + s + "\"",
        bool b => b ? "true" : "false",
        _ => Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture) ?? "",
    };

    private static string Name(Type type) => type switch
    {
        { IsGenericParameter: true } => type.Name,
        { IsGenericType: true } => type.Namespace + "." + type.Name[..type.Name.IndexOf('`', StringComparison.Ordinal)] +
            "<" + string.Join(", ", type.GetGenericArguments().Select(Name)) + ">",
        _ => type.FullName ?? type.Name,
    };
}
