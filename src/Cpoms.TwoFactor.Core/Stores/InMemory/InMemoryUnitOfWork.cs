namespace Cpoms.TwoFactor.Core.Stores.InMemory;

/// <summary>
/// The <see cref="ITwoFactorUnitOfWork"/> of the in-memory stores, and the one lock they share. A unit runs alone: it holds
/// the lock from start to end, every store change inside it is journalled with its inverse, and the journal is played
/// back in reverse when the unit throws, so a unit is all or nothing and no other caller ever sees half of it.
/// A store call outside a unit takes the lock for that call alone.
/// </summary>
/// <remarks>One instance per service provider (a singleton); every in-memory store of that provider must share it.</remarks>
public sealed class InMemoryUnitOfWork : ITwoFactorUnitOfWork
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly AsyncLocal<Journal?> _current = new();

    /// <inheritdoc />
    public async Task<T> ExecuteAsync<T>(Func<CancellationToken, Task<T>> operation, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(operation);
        if (_current.Value is not null)
        {
            return await operation(cancellationToken).ConfigureAwait(false);
        }

        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        var journal = new Journal();
        _current.Value = journal;
        try
        {
            return await operation(cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            journal.Rollback();
            throw;
        }
        finally
        {
            _current.Value = null;
            _gate.Release();
        }
    }

    /// <summary>
    /// Runs <paramref name="change"/> under the lock: inside the current unit (recording its undo actions in the unit's
    /// journal), or alone when no unit is running in this flow. <paramref name="change"/> must be synchronous and register
    /// the inverse of each change it makes with <see cref="Journal.OnRollback"/>.
    /// </summary>
    internal async ValueTask<T> WriteAsync<T>(Func<Journal, T> change, CancellationToken cancellationToken)
    {
        if (_current.Value is { } journal)
        {
            return change(journal);
        }

        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            // Alone, a single call is its own unit: nothing to undo once it returned, everything undone if it threw.
            var single = new Journal();
            try
            {
                return change(single);
            }
            catch
            {
                single.Rollback();
                throw;
            }
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>Runs a read under the lock (or inside the current unit), so it never sees half of a unit.</summary>
    internal async ValueTask<T> ReadAsync<T>(Func<T> read, CancellationToken cancellationToken)
    {
        if (_current.Value is not null)
        {
            return read();
        }

        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            return read();
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>The undo actions of one unit, played back in reverse order on failure.</summary>
    internal sealed class Journal
    {
        private readonly List<Action> _undo = [];

        /// <summary>Registers how to undo a change just made.</summary>
        public void OnRollback(Action undo) => _undo.Add(undo);

        internal void Rollback()
        {
            for (var i = _undo.Count - 1; i >= 0; i--)
            {
                _undo[i]();
            }

            _undo.Clear();
        }
    }
}
