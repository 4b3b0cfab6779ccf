using Microsoft.EntityFrameworkCore;

namespace Cpoms.TwoFactor.EntityFrameworkCore.Stores;

/// <summary>What every store does with the host's context: check the model, insert, run a transaction.</summary>
internal static class StoreContext
{
    /// <summary>The set of <typeparamref name="TEntity"/>, or a clear error when the host forgot the model configuration.</summary>
    public static DbSet<TEntity> Set<TEntity>(DbContext context)
        where TEntity : class
    {
        ArgumentNullException.ThrowIfNull(context);
        if (context.Model.FindEntityType(typeof(TEntity)) is null)
        {
            throw new InvalidOperationException(
                $"The model of {context.GetType().Name} has no Cpoms.TwoFactor tables: call " +
                "modelBuilder.ApplyCpomsTwoFactorConfiguration() in its OnModelCreating.");
        }

        return context.Set<TEntity>();
    }

    /// <summary>
    /// The error for a key that the database matched only case-insensitively. Sharing the row would let one
    /// user's failures lock out, or one user's success reset, another user whose id differs only in case.
    /// </summary>
    public static InvalidOperationException CaseInsensitiveMatch(string table) => new(
        $"The {table} table matched a stored key that differs from the requested one only in case: the database " +
        "compares its text columns case-insensitively. Give the Cpoms.TwoFactor text columns a case-sensitive " +
        "(deterministic or binary) collation; see ApplyCpomsTwoFactorConfiguration.");

    /// <summary>
    /// Inserts <paramref name="entity"/> with <see cref="DbContext.SaveChangesAsync(CancellationToken)"/> and
    /// stops tracking it either way. When the insert fails and <paramref name="conflictExists"/> then finds the
    /// row that made it fail (a unique key another caller already stored), returns <see langword="false"/>;
    /// any other failure is rethrown. Inside a host transaction EF Core wraps the insert in a savepoint, so the
    /// transaction stays usable after a conflict.
    /// </summary>
    public static async Task<bool> TryInsertAsync<TEntity>(
        DbContext context, TEntity entity, Func<CancellationToken, Task<bool>> conflictExists, CancellationToken cancellationToken)
        where TEntity : class
    {
        var entry = context.Add(entity);
        try
        {
            await context.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (DbUpdateException)
        {
            entry.State = EntityState.Detached;
            if (await conflictExists(cancellationToken).ConfigureAwait(false))
            {
                return false;
            }

            throw;
        }
        finally
        {
            entry.State = EntityState.Detached;
        }
    }

    /// <summary>
    /// Runs <paramref name="operation"/> in a transaction: the host's current one if there is one, otherwise a
    /// new one committed at the end, retried as a whole by the context's execution strategy.
    /// </summary>
    public static async Task<T> InTransactionAsync<T>(
        DbContext context, Func<CancellationToken, Task<T>> operation, CancellationToken cancellationToken)
    {
        if (context.Database.CurrentTransaction is not null)
        {
            return await operation(cancellationToken).ConfigureAwait(false);
        }

        var strategy = context.Database.CreateExecutionStrategy();
        return await strategy.ExecuteAsync(
            (context, operation),
            static async (_, state, ct) =>
            {
                var transaction = await state.context.Database.BeginTransactionAsync(ct).ConfigureAwait(false);
                await using (transaction.ConfigureAwait(false))
                {
                    var result = await state.operation(ct).ConfigureAwait(false);
                    await transaction.CommitAsync(ct).ConfigureAwait(false);
                    return result;
                }
            },
            verifySucceeded: null,
            cancellationToken).ConfigureAwait(false);
    }
}
