using Cpoms.TwoFactor.Core.Devices;
using Cpoms.TwoFactor.Totp.Otp;
using FsCheck;
using FsCheck.Fluent;

namespace Cpoms.TwoFactor.Totp.Tests.Otp;

/// <summary>Properties of window matching, against the independent reference implementation.</summary>
public sealed class TotpMatcherPropertyTests
{
    private static readonly Gen<byte[]> Secrets = Gen.Choose(16, 64).SelectMany(n => Gen.ArrayOf(ArbMap.Default.GeneratorFor<byte>(), n));

    private static readonly Gen<OtpAlgorithm> Algorithms = Gen.Elements(OtpAlgorithm.Sha1, OtpAlgorithm.Sha256, OtpAlgorithm.Sha512);

    [Fact]
    public void Match_AcceptedIffCodeBelongsToAStepInsideTheWindow()
    {
        var cases =
            from secret in Secrets
            from algorithm in Algorithms
            from digits in Gen.Choose(6, 8)
            from window in Gen.Choose(0, 3)
            from offset in Gen.Choose(-6, 6)
            from center in Gen.Choose(1, int.MaxValue)
            select (secret, algorithm, digits, window, offset, center: (long)center);

        Prop.ForAll(cases.ToArbitrary(), c =>
        {
            var submitted = ReferenceOtp.Code(c.algorithm, c.secret, c.center + c.offset, c.digits);
            var insideWindow = Enumerable.Range(-c.window, (2 * c.window) + 1)
                .Any(o => ReferenceOtp.Code(c.algorithm, c.secret, c.center + o, c.digits) == submitted);

            var match = TotpMatcher.Match(c.algorithm, c.secret, c.digits, int.Parse(submitted, System.Globalization.CultureInfo.InvariantCulture), c.center, c.window, null);

            return (match.Outcome == TotpMatchOutcome.Accepted) == insideWindow &&
                   (!insideWindow || Math.Abs(match.TimeStep - c.center) <= c.window);
        }).QuickCheckThrowOnFailure();
    }

    [Fact]
    public void Match_WithReplayGuard_NeverAcceptsAStepTwiceAndStepsOnlyIncrease()
    {
        var cases =
            from secret in Secrets
            from submissions in Gen.ListOf(Gen.Choose(-2, 2).SelectMany(o => Gen.Choose(0, 3).Select(advance => (o, advance))))
            select (secret, submissions);

        Prop.ForAll(cases.ToArbitrary(), c =>
        {
            long now = 1_000_000;
            long? last = null;
            var accepted = new List<long>();
            foreach (var (offset, advance) in c.submissions)
            {
                now += advance;
                var code = int.Parse(ReferenceOtp.Code(OtpAlgorithm.Sha1, c.secret, now + offset, 6), System.Globalization.CultureInfo.InvariantCulture);
                var match = TotpMatcher.Match(OtpAlgorithm.Sha1, c.secret, 6, code, now, 1, last);
                if (match.Outcome == TotpMatchOutcome.Accepted)
                {
                    if (last is { } previous && match.TimeStep <= previous)
                    {
                        return false;
                    }

                    accepted.Add(match.TimeStep);
                    last = match.TimeStep;
                }
            }

            return accepted.Distinct().Count() == accepted.Count;
        }).QuickCheckThrowOnFailure();
    }

    [Fact]
    public void FindDrift_ReportsTheOffsetOfAStepOutsideTheWindow()
    {
        var cases =
            from secret in Secrets
            from offset in Gen.Choose(-20, 20).Where(o => Math.Abs(o) > 1)
            select (secret, offset);

        Prop.ForAll(cases.ToArbitrary(), c =>
        {
            const long now = 58_000_000;
            var code = int.Parse(ReferenceOtp.Code(OtpAlgorithm.Sha1, c.secret, now + c.offset, 6), System.Globalization.CultureInfo.InvariantCulture);

            var drift = TotpMatcher.FindDrift(OtpAlgorithm.Sha1, c.secret, 6, code, now, 20, now, 1);

            // Another step nearer to now may share the code (about one chance in 25,000); it must then be outside the window too.
            return drift is { } found && Math.Abs(found) > 1 && Math.Abs(found) <= Math.Abs(c.offset) &&
                   ReferenceOtp.Code(OtpAlgorithm.Sha1, c.secret, now + found, 6) == ReferenceOtp.Code(OtpAlgorithm.Sha1, c.secret, now + c.offset, 6);
        }).QuickCheckThrowOnFailure();
    }
}
