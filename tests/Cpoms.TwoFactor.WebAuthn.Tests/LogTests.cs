using System.Reflection;

using Microsoft.Extensions.Logging;

namespace Cpoms.TwoFactor.WebAuthn.Tests;

public sealed class LogTests
{
    private static IEnumerable<LoggerMessageAttribute> Messages() =>
        typeof(WebAuthnOptions).Assembly.GetType("Cpoms.TwoFactor.WebAuthn.Log")!
            .GetMethods(BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Static)
            .Select(m => m.GetCustomAttribute<LoggerMessageAttribute>())
            .OfType<LoggerMessageAttribute>();

    [Fact]
    public void EventIds_AreUniqueAndInTheWebAuthnRange()
    {
        var ids = Messages().Select(m => m.EventId).ToList();

        Assert.NotEmpty(ids);
        Assert.Equal(ids.Count, ids.Distinct().Count());
        Assert.All(ids, id => Assert.InRange(id, 3000, 3999));
    }
}
