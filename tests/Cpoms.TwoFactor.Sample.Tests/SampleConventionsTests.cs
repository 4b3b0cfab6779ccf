using System.Reflection;
using Microsoft.Extensions.Logging;

namespace Cpoms.TwoFactor.Sample.Tests;

public sealed class SampleConventionsTests
{
    [Fact]
    public void Log_EventIds_AreUniqueAndInTheSampleRange()
    {
        var ids = typeof(Program).Assembly.GetType("Cpoms.TwoFactor.Sample.Infrastructure.Log")!
            .GetMethods(BindingFlags.Static | BindingFlags.Public | BindingFlags.NonPublic)
            .Select(m => m.GetCustomAttribute<LoggerMessageAttribute>())
            .OfType<LoggerMessageAttribute>()
            .Select(a => a.EventId)
            .ToArray();

        Assert.NotEmpty(ids);
        Assert.Equal(ids.Length, ids.Distinct().Count());
        Assert.All(ids, id => Assert.InRange(id, 8000, 8999));
    }
}
