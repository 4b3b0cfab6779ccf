namespace Cpoms.TwoFactor.Testing;

/// <summary>
/// Gates tests that need something outside .NET (Chromium, PostgreSQL, oathtool, zbarimg). When it is absent
/// the test is skipped with the reason printed; when <c>CPOMS_REQUIRE_EXTERNALS=1</c> (CI) it fails instead.
/// </summary>
public static class Externals
{
    /// <summary>The environment variable that turns skips into failures.</summary>
    public const string RequireVariable = "CPOMS_REQUIRE_EXTERNALS";

    /// <summary><see langword="true"/> when missing externals must fail the test run.</summary>
    public static bool Required => Environment.GetEnvironmentVariable(RequireVariable) == "1";

    /// <summary>Skips (or, when required, fails) the current test unless <paramref name="available"/>.</summary>
    /// <param name="available">Whether the external is there.</param>
    /// <param name="reason">What is missing and how to get it, e.g. "oathtool not found: apt-get install oathtool".</param>
    public static void Require(bool available, string reason)
    {
        if (available)
        {
            return;
        }

        if (Required)
        {
            Assert.Fail($"{reason} ({RequireVariable}=1, so this is a failure, not a skip).");
        }

        Assert.Skip(reason);
    }

    /// <summary>The full path of <paramref name="program"/> on PATH, or <see langword="null"/>.</summary>
    public static string? FindOnPath(string program)
    {
        if (Path.IsPathRooted(program))
        {
            return File.Exists(program) ? program : null;
        }

        var path = Environment.GetEnvironmentVariable("PATH") ?? "";
        foreach (var directory in path.Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries))
        {
            var candidate = Path.Combine(directory, program);
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        return null;
    }

    /// <summary>Requires <paramref name="program"/> on PATH and returns its full path.</summary>
    public static string RequireProgram(string program, string debianPackage)
    {
        var found = FindOnPath(program);
        Require(found is not null, $"{program} not found on PATH: install it with 'apt-get install {debianPackage}'");
        return found!;
    }
}
