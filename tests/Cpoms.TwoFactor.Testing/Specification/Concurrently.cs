namespace Cpoms.TwoFactor.Testing.Specification;

/// <summary>Runs operations on the thread pool, released together, to make them race.</summary>
public static class Concurrently
{
    /// <summary>How many parallel callers the specifications use: enough to race on two cores, few enough to stay fast.</summary>
    public const int Callers = 8;

    /// <summary>
    /// Runs <paramref name="operation"/> once per index 0..<paramref name="count"/>-1 in parallel. The calls start
    /// together after every task has been scheduled, and the results come back in index order.
    /// </summary>
    public static async Task<T[]> RunAsync<T>(int count, Func<int, Task<T>> operation)
    {
        ArgumentNullException.ThrowIfNull(operation);
        var start = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var tasks = Enumerable.Range(0, count)
            .Select(i => Task.Run(async () =>
            {
                await start.Task.ConfigureAwait(false);
                return await operation(i).ConfigureAwait(false);
            }))
            .ToArray();
        start.SetResult();
        return await Task.WhenAll(tasks).ConfigureAwait(false);
    }
}
