using System.Reflection;
using System.Text.RegularExpressions;
using Cpoms.TwoFactor.Core.Results;

namespace Cpoms.TwoFactor.Conventions.Tests;

/// <summary>Error codes are stable API: each is unique, lower-case, and carries its package's prefix.</summary>
public sealed partial class ErrorCodeTests
{
    [Fact]
    public void ErrorCodes_AreUniqueAcrossPackages()
    {
        var duplicates = AllErrors()
            .GroupBy(e => e.Error.Code)
            .Where(g => g.Select(e => e.Member).Distinct().Count() > 1)
            .Select(g => $"{g.Key}: {string.Join(", ", g.Select(e => e.Member))}");

        Assert.Empty(duplicates);
    }

    [Fact]
    public void ErrorCodes_AreWellFormed()
    {
        var malformed = AllErrors().Where(e => !CodeShape().IsMatch(e.Error.Code)).Select(e => $"{e.Member}: {e.Error.Code}");

        Assert.Empty(malformed);
    }

    [Fact]
    public void ErrorMessages_AreSentences()
    {
        var bad = AllErrors()
            .Where(e => !char.IsUpper(e.Error.Message[0]) || e.Error.Message.Contains(e.Error.Code, StringComparison.Ordinal))
            .Select(e => e.Member);

        Assert.Empty(bad);
    }

    [Theory]
    [InlineData("core.")]
    [InlineData("totp.")]
    [InlineData("webauthn.")]
    [InlineData("webauthn.attestation_")]
    [InlineData("elevation.")]
    [InlineData("aspnetcore.")]
    public void Catalogue_IsFound(string prefix)
    {
        Assert.Contains(AllErrors(), e => e.Error.Code.StartsWith(prefix, StringComparison.Ordinal));
    }

    /// <summary>Every static TwoFactorError property, and every static method returning one, called with sample arguments.</summary>
    private static List<(string Member, TwoFactorError Error)> AllErrors()
    {
        var errors = new List<(string, TwoFactorError)>();
        foreach (var package in Packages.Names)
        {
            foreach (var type in Packages.Load(package).GetExportedTypes().Where(t => t is { IsAbstract: true, IsSealed: true }))
            {
                foreach (var property in type.GetProperties(BindingFlags.Static | BindingFlags.Public)
                             .Where(p => p.PropertyType == typeof(TwoFactorError)))
                {
                    errors.Add(($"{type.Name}.{property.Name}", (TwoFactorError)property.GetValue(null)!));
                }

                foreach (var method in type.GetMethods(BindingFlags.Static | BindingFlags.Public)
                             .Where(m => m.ReturnType == typeof(TwoFactorError) && !m.IsSpecialName))
                {
                    var arguments = method.GetParameters().Select(p => SampleValue(p.ParameterType)).ToArray();
                    errors.Add(($"{type.Name}.{method.Name}", (TwoFactorError)method.Invoke(null, arguments)!));
                }
            }
        }

        return errors;
    }

    private static object? SampleValue(Type type) =>
        type == typeof(DateTimeOffset) ? new DateTimeOffset(2026, 1, 5, 9, 0, 0, TimeSpan.Zero)
        : type == typeof(TimeSpan) ? TimeSpan.FromSeconds(90)
        : type == typeof(string) ? "sample"
        : type.IsValueType ? Activator.CreateInstance(type)
        : null;

    [GeneratedRegex("^[a-z0-9]+\\.[a-z0-9_]+$")]
    private static partial Regex CodeShape();
}
