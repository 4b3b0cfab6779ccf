using System.Reflection;
using Microsoft.Extensions.Logging;

namespace Cpoms.TwoFactor.Conventions.Tests;

/// <summary>STYLE: one id range per package, never reused.</summary>
public sealed class LogEventIdTests
{
    private static readonly Dictionary<string, (int Min, int Max)> Ranges = new()
    {
        ["Cpoms.TwoFactor.Core"] = (1000, 1999),
        ["Cpoms.TwoFactor.Totp"] = (2000, 2999),
        ["Cpoms.TwoFactor.WebAuthn"] = (3000, 3999),
        ["Cpoms.TwoFactor.PushApproval"] = (4000, 4999),
        ["Cpoms.TwoFactor.Elevation"] = (5000, 5999),
        ["Cpoms.TwoFactor.EntityFrameworkCore"] = (6000, 6999),
        ["Cpoms.TwoFactor.AspNetCore"] = (7000, 7999),
    };

    [Theory]
    [MemberData(nameof(Packages.All), MemberType = typeof(Packages))]
    public void EventIds_AreInThePackagesRange(string package)
    {
        var (min, max) = Ranges[package];
        var outside = EventIds(package).Where(e => e.Id < min || e.Id > max).Select(e => $"{e.Method}={e.Id}");

        Assert.Empty(outside);
    }

    [Fact]
    public void EventIds_AreUniqueAcrossPackages()
    {
        var duplicates = Packages.Names
            .SelectMany(EventIds)
            .GroupBy(e => e.Id)
            .Where(g => g.Count() > 1)
            .Select(g => $"{g.Key}: {string.Join(", ", g.Select(e => e.Method))}");

        Assert.Empty(duplicates);
    }

    private static IEnumerable<(int Id, string Method)> EventIds(string package) =>
        from type in Packages.TypesOf(Packages.Load(package))
        from method in type.GetMethods(BindingFlags.Static | BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.DeclaredOnly)
        let attribute = method.GetCustomAttribute<LoggerMessageAttribute>()
        where attribute is not null
        select (attribute.EventId, $"{type.Name}.{method.Name}");
}
