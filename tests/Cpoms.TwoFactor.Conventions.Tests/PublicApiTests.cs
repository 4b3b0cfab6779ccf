using System.Reflection;
using System.Text;
using Cpoms.TwoFactor.Testing;

namespace Cpoms.TwoFactor.Conventions.Tests;

/// <summary>
/// Each package's public API is an approved text file (PublicApi/&lt;package&gt;.txt). A change to the API fails
/// this test until the file is updated on purpose: run the tests with CPOMS_ACCEPT_PUBLIC_API=1 and review
/// the diff of the .txt files in the commit.
/// </summary>
public sealed class PublicApiTests
{
    [Theory]
    [MemberData(nameof(Packages.All), MemberType = typeof(Packages))]
    public void PublicApi_MatchesApprovedFile(string package)
    {
        var actual = Describe(Packages.Load(package));
        var approvedPath = Path.Combine(RepositoryPaths.Root, "tests", "Cpoms.TwoFactor.Conventions.Tests", "PublicApi", package + ".txt");

        if (Environment.GetEnvironmentVariable("CPOMS_ACCEPT_PUBLIC_API") == "1")
        {
            File.WriteAllText(approvedPath, actual);
        }

        var approved = File.Exists(approvedPath) ? File.ReadAllText(approvedPath).ReplaceLineEndings("\n") : "";
        Assert.True(
            approved == actual,
            $"The public API of {package} differs from {approvedPath}. If the change is intended, run the tests with " +
            $"CPOMS_ACCEPT_PUBLIC_API=1 and commit the updated file.\nFirst difference:\n{FirstDifference(approved, actual)}");
    }

    private static string FirstDifference(string approved, string actual)
    {
        var a = approved.Split('\n');
        var b = actual.Split('\n');
        for (var i = 0; i < Math.Max(a.Length, b.Length); i++)
        {
            var left = i < a.Length ? a[i] : "<end>";
            var right = i < b.Length ? b[i] : "<end>";
            if (left != right)
            {
                return $"line {i + 1}\n  approved: {left}\n  actual:   {right}";
            }
        }

        return "(none)";
    }

    internal static string Describe(Assembly assembly)
    {
        var text = new StringBuilder();
        foreach (var type in assembly.GetExportedTypes().OrderBy(t => t.FullName, StringComparer.Ordinal))
        {
            text.Append(TypeHeader(type)).Append('\n');
            foreach (var member in Members(type).Order(StringComparer.Ordinal))
            {
                text.Append("  ").Append(member).Append('\n');
            }
        }

        return text.ToString();
    }

    private static string TypeHeader(Type type)
    {
        var kind = type.IsEnum ? "enum"
            : type.IsInterface ? "interface"
            : type.IsValueType ? (IsRecord(type) ? "record struct" : "struct")
            : typeof(Delegate).IsAssignableFrom(type) ? "delegate"
            : IsRecord(type) ? "record"
            : "class";
        var modifiers = type switch
        {
            { IsAbstract: true, IsSealed: true } when !type.IsValueType => "static ",
            { IsSealed: true } when !type.IsValueType && !type.IsEnum && !typeof(Delegate).IsAssignableFrom(type) => "sealed ",
            { IsAbstract: true } when !type.IsInterface => "abstract ",
            _ => "",
        };
        var bases = new List<string>();
        if (type.BaseType is { } baseType && baseType != typeof(object) && baseType != typeof(ValueType) && baseType != typeof(Enum) && !typeof(Delegate).IsAssignableFrom(type))
        {
            bases.Add(Name(baseType));
        }

        bases.AddRange(type.GetInterfaces().Where(i => i.IsPublic || i.IsNestedPublic).Select(Name).Where(n => !n.StartsWith("System.IEquatable", StringComparison.Ordinal)).Order(StringComparer.Ordinal));
        return $"{modifiers}{kind} {Name(type)}{(bases.Count > 0 ? " : " + string.Join(", ", bases) : "")}";
    }

    private static bool IsRecord(Type type) => type.GetMethod("<Clone>$") is not null || type.GetProperty("EqualityContract", BindingFlags.NonPublic | BindingFlags.Instance) is not null
        || (type.IsValueType && type.GetMethod("PrintMembers", BindingFlags.NonPublic | BindingFlags.Instance) is not null);

    private static IEnumerable<string> Members(Type type)
    {
        const BindingFlags flags = BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly;
        if (type.IsEnum)
        {
            foreach (var field in type.GetFields(BindingFlags.Public | BindingFlags.Static))
            {
                yield return $"{field.Name} = {Convert.ToInt64(field.GetRawConstantValue(), System.Globalization.CultureInfo.InvariantCulture)}";
            }

            yield break;
        }

        foreach (var member in type.GetMembers(flags))
        {
            var line = member switch
            {
                ConstructorInfo c when Visible(c) => $"{Access(c)}ctor({Parameters(c)})",
                MethodInfo m when Visible(m) && !m.IsSpecialName && !IsCompilerGenerated(m) => $"{Access(m)}{(m.IsStatic ? "static " : "")}{(m.IsAbstract && !type.IsInterface ? "abstract " : m.IsVirtual && !m.IsFinal && !type.IsInterface ? "virtual " : "")}{Name(m.ReturnType)}{Nullable(Nullability.Create(m.ReturnParameter))} {m.Name}{Generic(m)}({Parameters(m)})",
                MethodInfo m when Visible(m) && m.IsSpecialName && m.Name.StartsWith("op_", StringComparison.Ordinal) => $"{Access(m)}static {Name(m.ReturnType)} {m.Name}({Parameters(m)})",
                PropertyInfo p when Accessors(p).Any(Visible) => $"{(Accessors(p).First(Visible).IsStatic ? "static " : "")}{Name(p.PropertyType)}{Nullable(Nullability.Create(p))} {p.Name}{Indexer(p)} {{ {string.Join(" ", Accessors(p).Where(Visible).Select(AccessorName))} }}",
                FieldInfo f when f.IsPublic || f.IsFamily || f.IsFamilyOrAssembly => $"{(f.IsLiteral ? "const " : f.IsStatic ? "static " : "")}{(f.IsInitOnly ? "readonly " : "")}{Name(f.FieldType)} {f.Name}",
                EventInfo e when e.AddMethod is { } add && Visible(add) => $"event {Name(e.EventHandlerType!)} {e.Name}",
                _ => null,
            };
            if (line is not null)
            {
                yield return line;
            }
        }
    }

    private static bool IsCompilerGenerated(MethodInfo method) =>
        method.Name is "<Clone>$" or "PrintMembers" || method.Name.StartsWith('<');

    private static IEnumerable<MethodInfo> Accessors(PropertyInfo property) =>
        new[] { property.GetMethod, property.SetMethod }.OfType<MethodInfo>();

    private static string AccessorName(MethodInfo accessor) =>
        accessor.Name.StartsWith("get_", StringComparison.Ordinal) ? "get;"
        : accessor.ReturnParameter.GetRequiredCustomModifiers().Any(m => m.Name == "IsExternalInit") ? "init;" : "set;";

    private static string Indexer(PropertyInfo property)
    {
        var index = property.GetIndexParameters();
        return index.Length == 0 ? "" : "[" + string.Join(", ", index.Select(p => Name(p.ParameterType))) + "]";
    }

    private static bool Visible(MethodBase method) => method.IsPublic || method.IsFamily || method.IsFamilyOrAssembly;

    private static string Access(MethodBase method) => method.IsPublic ? "" : "protected ";

    private static string Generic(MethodInfo method) =>
        method.IsGenericMethodDefinition ? "<" + string.Join(", ", method.GetGenericArguments().Select(a => a.Name)) + ">" : "";

    private static string Parameters(MethodBase method) =>
        string.Join(", ", method.GetParameters().Select(p =>
            $"{(p.IsOut ? "out " : p.ParameterType.IsByRef ? "ref " : "")}{Name(p.ParameterType)}{Nullable(Nullability.Create(p))} {p.Name}{(p.HasDefaultValue ? " = " + (p.DefaultValue ?? (p.ParameterType.IsValueType ? "default" : "null")) : "")}"));

    private static readonly NullabilityInfoContext Nullability = new();

    private static string Nullable(NullabilityInfo info) =>
        !info.Type.IsValueType && (info.ReadState == NullabilityState.Nullable || info.WriteState == NullabilityState.Nullable) ? "?" : "";

    private static string Name(Type type)
    {
        if (type.IsByRef)
        {
            return Name(type.GetElementType()!);
        }

        if (type.IsArray)
        {
            return Name(type.GetElementType()!) + "[]";
        }

        if (type.IsGenericParameter)
        {
            return type.Name;
        }

        var name = (type.IsNested ? Name(type.DeclaringType!) + "." + type.Name : type.Namespace + "." + type.Name);
        var tick = name.IndexOf('`', StringComparison.Ordinal);
        if (tick >= 0)
        {
            name = name[..tick];
        }

        return type.IsGenericType ? $"{name}<{string.Join(", ", type.GetGenericArguments().Select(Name))}>" : name;
    }
}
