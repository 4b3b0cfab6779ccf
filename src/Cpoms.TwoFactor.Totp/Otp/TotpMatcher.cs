using Cpoms.TwoFactor.Core.Devices;

namespace Cpoms.TwoFactor.Totp.Otp;

/// <summary>How a code compared with the steps that were tried.</summary>
/// <param name="Outcome">What was found.</param>
/// <param name="TimeStep">The matched step (for <see cref="TotpMatchOutcome.Accepted"/> and <see cref="TotpMatchOutcome.Replayed"/>).</param>
internal readonly record struct TotpMatch(TotpMatchOutcome Outcome, long TimeStep);

/// <summary>The outcome of <see cref="TotpMatcher.Match"/>.</summary>
internal enum TotpMatchOutcome
{
    /// <summary>No step in the window produced the code.</summary>
    NoMatch = 0,

    /// <summary>A step after the last accepted one produced the code.</summary>
    Accepted = 1,

    /// <summary>Only a step at or before the last accepted one produced the code.</summary>
    Replayed = 2,
}

/// <summary>
/// Compares a code with every step of a window (RFC 6238 §5.2) and with a wider drift range (§6), always
/// computing every candidate and comparing without branches, so timing does not reveal where (or whether)
/// the code matched.
/// </summary>
internal static class TotpMatcher
{
    /// <summary>The most candidates one call computes (a window of ±63 steps); bounds the stack buffer.</summary>
    public const int MaxCandidates = 127;

    /// <summary>
    /// Tries the steps <paramref name="centerStep"/> − <paramref name="window"/> … + <paramref name="window"/>.
    /// A match counts as accepted only for a step after <paramref name="lastAcceptedStep"/>; when several
    /// steps match, the latest fresh one wins.
    /// </summary>
    public static TotpMatch Match(
        OtpAlgorithm algorithm, ReadOnlySpan<byte> key, int digits, int code, long centerStep, int window, long? lastAcceptedStep)
    {
        var count = (2 * window) + 1;
        if ((uint)window > MaxCandidates / 2)
        {
            throw new ArgumentOutOfRangeException(nameof(window), window, "The window is too wide.");
        }

        var first = centerStep - window;
        Span<int> codes = stackalloc int[MaxCandidates];
        codes = codes[..count];
        Hotp.ComputeSequence(algorithm, key, first, digits, codes);

        var last = lastAcceptedStep ?? long.MinValue;
        long fresh = 0;   // 1 once a fresh step matched
        long stale = 0;   // 1 once a step at or before the last accepted one matched
        long matched = 0;
        for (var i = 0; i < count; i++)
        {
            var step = first + i;
            var equal = EqualMask(codes[i], code);                 // all ones when equal, else 0
            var isFresh = -(long)(step > last ? 1 : 0);            // public values: the step and the guard
            var freshMatch = equal & isFresh;
            matched = (step & freshMatch) | (matched & ~freshMatch);
            fresh |= freshMatch & 1;
            stale |= equal & ~isFresh & 1;
        }

        codes.Clear();
        return fresh != 0
            ? new TotpMatch(TotpMatchOutcome.Accepted, matched)
            : new TotpMatch(stale != 0 ? TotpMatchOutcome.Replayed : TotpMatchOutcome.NoMatch, 0);
    }

    /// <summary>
    /// Looks for the code at steps up to <paramref name="range"/> either side of <paramref name="nowStep"/>
    /// that the window (<paramref name="windowCenter"/> ± <paramref name="window"/>) did not cover. Returns the
    /// offset from <paramref name="nowStep"/> of the nearest matching step (positive: the device clock is fast),
    /// or <see langword="null"/>. Only called after the window failed, so the normal path never pays for it.
    /// </summary>
    public static int? FindDrift(
        OtpAlgorithm algorithm, ReadOnlySpan<byte> key, int digits, int code, long nowStep, int range, long windowCenter, int window)
    {
        if ((uint)range > MaxCandidates / 2)
        {
            throw new ArgumentOutOfRangeException(nameof(range), range, "The drift range is too wide.");
        }

        var count = (2 * range) + 1;
        var first = nowStep - range;
        Span<int> codes = stackalloc int[MaxCandidates];
        codes = codes[..count];
        Hotp.ComputeSequence(algorithm, key, first, digits, codes);

        long found = 0;
        long bestOffset = 0;
        long bestDistance = long.MaxValue;
        for (var i = 0; i < count; i++)
        {
            var step = first + i;
            var offset = step - nowStep;
            var outsideWindow = -(long)(Math.Abs(step - windowCenter) > window ? 1 : 0);
            var distance = Math.Abs(offset);
            var closer = -((distance - bestDistance) >>> 63);      // all ones when distance < bestDistance
            var take = EqualMask(codes[i], code) & outsideWindow & closer;
            bestOffset = (offset & take) | (bestOffset & ~take);
            bestDistance = (distance & take) | (bestDistance & ~take);
            found |= take & 1;
        }

        codes.Clear();
        return found != 0 ? (int)bestOffset : null;
    }

    /// <summary>All ones when <paramref name="a"/> equals <paramref name="b"/>, else zero; no branch.</summary>
    private static long EqualMask(int a, int b)
    {
        var diff = (long)(a ^ b);
        return ((diff | -diff) >> 63) ^ -1L;
    }
}
