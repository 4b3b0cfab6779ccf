using System.Reflection;

namespace Cpoms.TwoFactor.Conventions.Tests;

/// <summary>The seven shipped assemblies, loaded by name so that every package is covered.</summary>
internal static class Packages
{
    public static readonly string[] Names =
    [
        "Cpoms.TwoFactor.Core",
        "Cpoms.TwoFactor.Totp",
        "Cpoms.TwoFactor.WebAuthn",
        "Cpoms.TwoFactor.PushApproval",
        "Cpoms.TwoFactor.Elevation",
        "Cpoms.TwoFactor.EntityFrameworkCore",
        "Cpoms.TwoFactor.AspNetCore",
    ];

    public static TheoryData<string> All => new(Names);

    public static Assembly Load(string name) => Assembly.Load(name);

    public static IEnumerable<Type> TypesOf(Assembly assembly)
    {
        try
        {
            return assembly.GetTypes();
        }
        catch (ReflectionTypeLoadException e)
        {
            return e.Types.OfType<Type>();
        }
    }
}
