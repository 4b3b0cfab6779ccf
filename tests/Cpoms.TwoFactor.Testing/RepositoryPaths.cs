namespace Cpoms.TwoFactor.Testing;

/// <summary>Finds files in the repository from a running test.</summary>
public static class RepositoryPaths
{
    /// <summary>The repository root: the nearest ancestor of the test binary that holds Cpoms.TwoFactor.sln.</summary>
    public static string Root { get; } = FindRoot();

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Cpoms.TwoFactor.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("Cpoms.TwoFactor.sln was not found above " + AppContext.BaseDirectory);
    }
}
