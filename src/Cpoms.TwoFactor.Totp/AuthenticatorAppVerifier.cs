using System.Globalization;
using System.Security.Cryptography;
using Cpoms.TwoFactor.Core.Devices;
using Cpoms.TwoFactor.Core.Events;
using Cpoms.TwoFactor.Core.Protection;
using Cpoms.TwoFactor.Core.Results;
using Cpoms.TwoFactor.Core.Stores;
using Cpoms.TwoFactor.Core.Throttling;
using Cpoms.TwoFactor.Totp.Otp;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Cpoms.TwoFactor.Totp;

/// <summary>
/// Checks a code typed at the two-factor prompt against the user's authenticator apps (RFC 6238), with
/// throttling, a replay guard and clock-drift handling. Scoped.
/// </summary>
public sealed class AuthenticatorAppVerifier
{
    private readonly IDeviceStore _store;
    private readonly DeviceManager _devices;
    private readonly IAttemptThrottle _throttle;
    private readonly ISecretProtector _protector;
    private readonly ISecurityLog _securityLog;
    private readonly IOptionsMonitor<TotpOptions> _options;
    private readonly TimeProvider _timeProvider;
    private readonly ILogger<AuthenticatorAppVerifier> _logger;

    /// <summary>Creates the service; resolve it from dependency injection.</summary>
    public AuthenticatorAppVerifier(
        IDeviceStore store,
        DeviceManager devices,
        IAttemptThrottle throttle,
        ISecretProtector protector,
        ISecurityLog securityLog,
        IOptionsMonitor<TotpOptions> options,
        TimeProvider timeProvider,
        ILogger<AuthenticatorAppVerifier> logger)
    {
        _store = store;
        _devices = devices;
        _throttle = throttle;
        _protector = protector;
        _securityLog = securityLog;
        _options = options;
        _timeProvider = timeProvider;
        _logger = logger;
    }

    /// <summary>
    /// Checks <paramref name="code"/> against each of the user's authenticator apps: the steps
    /// "now + the device's learned drift" ± <see cref="TotpOptions.WindowSteps"/>, every step computed and
    /// compared in constant time. A device accepts each time step at most once and only steps after the last
    /// one it accepted, atomically in the store, so the same code never signs in twice, even from parallel requests.
    /// </summary>
    /// <remarks>
    /// On success the device's drift is learned (RFC 6238 §6), its last-used (and, on first use, verified) time
    /// is set, the throttling counters are cleared and the security log records it. Failed attempts are
    /// throttled (<see cref="IAttemptThrottle"/>) and logged; a malformed code is not counted as an attempt and
    /// changes nothing.
    /// </remarks>
    /// <returns>The device that matched, or: <see cref="TotpErrors.CodeFormat"/>, <see cref="TotpErrors.NoAuthenticatorApp"/>,
    /// <see cref="TotpErrors.InvalidCode"/>, <see cref="TotpErrors.CodeReplayed"/>, <see cref="TotpErrors.ClockDrift"/>
    /// (the code is right for a clock that is minutes off; still rejected), or a throttling error of
    /// <see cref="TwoFactorErrors"/> with <see cref="TwoFactorError.RetryAt"/>.</returns>
    public async Task<TwoFactorResult<Device>> VerifyAsync(string userId, string? code, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(userId);
        var apps = (await _devices.ListAsync(userId, cancellationToken).ConfigureAwait(false))
            .Where(d => d.Kind == DeviceKind.AuthenticatorApp && IsUsable(d.AuthenticatorApp))
            .ToArray();
        if (apps.Length == 0)
        {
            return TotpErrors.NoAuthenticatorApp;
        }

        if (!OtpCode.TryParse(code, out var value, out var length) || !apps.Any(d => d.AuthenticatorApp!.Digits == length))
        {
            return TotpErrors.CodeFormat(ExpectedDigits(apps));
        }

        // The attempt is counted before it is verified (and cleared on success), so parallel guesses cannot
        // pass a delay or lockout. Counted per user and, when the user has a single app, per device as well.
        var throttleDeviceId = apps.Length == 1 ? apps[0].Id : null;
        var blocked = await _throttle.TryBeginAttemptAsync(userId, throttleDeviceId, cancellationToken).ConfigureAwait(false);
        if (blocked is not null)
        {
            return blocked;
        }

        var options = _options.CurrentValue;
        var now = _timeProvider.GetUtcNow();
        Device? accepted = null;
        long acceptedStep = 0;
        int acceptedDrift = 0;
        Device? replayed = null;
        foreach (var device in apps)
        {
            var app = device.AuthenticatorApp!;
            if (app.Digits != length)
            {
                continue;
            }

            var secret = Unprotect(device);
            if (secret is null)
            {
                continue;
            }

            try
            {
                var nowStep = TimeSteps.At(now, app.PeriodSeconds);
                var driftRange = AuthenticatorAppEnrollment.DriftRange(options, app.PeriodSeconds);
                var learned = Math.Clamp(app.DriftSteps, -driftRange, driftRange);
                var match = TotpMatcher.Match(
                    app.Algorithm, secret, app.Digits, value, nowStep + learned, options.WindowSteps, app.LastAcceptedTimeStep);
                if (match.Outcome == TotpMatchOutcome.Accepted && accepted is null)
                {
                    accepted = device;
                    acceptedStep = match.TimeStep;
                    acceptedDrift = (int)(match.TimeStep - nowStep);
                }
                else if (match.Outcome == TotpMatchOutcome.Replayed)
                {
                    replayed ??= device;
                }
            }
            finally
            {
                CryptographicOperations.ZeroMemory(secret);
            }
        }

        if (accepted is not null)
        {
            // The replay guard: only one caller can advance the device past this step, on any node.
            if (await _store.TryAdvanceTimeStepAsync(accepted.Id, acceptedStep, acceptedDrift, cancellationToken).ConfigureAwait(false))
            {
                await _devices.RecordSuccessfulUseAsync(accepted, cancellationToken).ConfigureAwait(false);
                Log.CodeAccepted(_logger, userId, accepted.Id, acceptedDrift);
                return TwoFactorResult.Success(await _store.FindAsync(accepted.Id, cancellationToken).ConfigureAwait(false) ?? accepted);
            }

            replayed = accepted;
        }

        if (replayed is not null)
        {
            Log.CodeReplayed(_logger, userId, replayed.Id);
            await _securityLog.WriteAsync(
                userId, SecurityEventTypes.CodeReplayed, SecurityEventOutcome.Failure, replayed.Id,
                detail: TotpErrors.CodeReplayed.Code, cancellationToken: cancellationToken).ConfigureAwait(false);
            return await FailAsync(userId, replayed.Id, TotpErrors.CodeReplayed, cancellationToken).ConfigureAwait(false);
        }

        var drift = FindDrift(apps, value, length, now, options);
        if (drift is { } found)
        {
            // The message tells whoever typed the code that it belongs to a nearby step. A future step's code
            // could then be submitted again when its time comes, so that step is spent now: the code is
            // never accepted. (A user who then corrects a fast clock sees totp.code_replayed until real time
            // passes that step, at most DriftDetectionRange.) Past steps can never be accepted anyway.
            if (found.Step > TimeSteps.At(now, found.Device.AuthenticatorApp!.PeriodSeconds) + options.WindowSteps)
            {
                await _store.TryAdvanceTimeStepAsync(
                    found.Device.Id, found.Step, found.Device.AuthenticatorApp.DriftSteps, cancellationToken).ConfigureAwait(false);
            }

            var seconds = (long)found.Offset.TotalSeconds;
            Log.ClockDrift(_logger, userId, found.Device.Id, seconds);
            var detail = string.Create(
                CultureInfo.InvariantCulture,
                $"device clock about {Math.Abs(seconds)} seconds {(seconds >= 0 ? "fast" : "slow")}");
            await _securityLog.WriteAsync(
                userId, SecurityEventTypes.ClockDriftDetected, SecurityEventOutcome.Failure, found.Device.Id,
                detail: detail, cancellationToken: cancellationToken).ConfigureAwait(false);
            return await FailAsync(userId, found.Device.Id, TotpErrors.ClockDrift(found.Offset), cancellationToken).ConfigureAwait(false);
        }

        await _securityLog.WriteAsync(
            userId, SecurityEventTypes.FactorFailed, SecurityEventOutcome.Failure, throttleDeviceId,
            detail: TotpErrors.InvalidCode.Code, cancellationToken: cancellationToken).ConfigureAwait(false);
        return await FailAsync(userId, throttleDeviceId, TotpErrors.InvalidCode, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Only after every window failed: looks for the code up to <see cref="TotpOptions.DriftDetectionRange"/>
    /// away, so the normal path never pays for it. Each candidate step is compared in constant time.
    /// </summary>
    private (Device Device, long Step, TimeSpan Offset)? FindDrift(Device[] apps, int value, int length, DateTimeOffset now, TotpOptions options)
    {
        foreach (var device in apps)
        {
            var app = device.AuthenticatorApp!;
            var driftRange = AuthenticatorAppEnrollment.DriftRange(options, app.PeriodSeconds);
            if (app.Digits != length || driftRange <= options.WindowSteps)
            {
                continue;
            }

            var secret = Unprotect(device);
            if (secret is null)
            {
                continue;
            }

            try
            {
                var nowStep = TimeSteps.At(now, app.PeriodSeconds);
                var learned = Math.Clamp(app.DriftSteps, -driftRange, driftRange);
                var offset = TotpMatcher.FindDrift(
                    app.Algorithm, secret, app.Digits, value, nowStep, driftRange, nowStep + learned, options.WindowSteps);
                if (offset is { } steps)
                {
                    return (device, nowStep + steps, TimeSpan.FromSeconds((long)steps * app.PeriodSeconds));
                }
            }
            finally
            {
                CryptographicOperations.ZeroMemory(secret);
            }
        }

        return null;
    }

    private async Task<TwoFactorError> FailAsync(string userId, string? deviceId, TwoFactorError error, CancellationToken cancellationToken)
    {
        Log.CodeRejected(_logger, userId, error.Code);
        var blocked = await _throttle.RecordFailureAsync(userId, deviceId, cancellationToken).ConfigureAwait(false);
        return blocked ?? error;
    }

    /// <summary>Devices whose stored parameters are out of range (a damaged row) are never tried.</summary>
    private static bool IsUsable(AuthenticatorAppData? app) =>
        app is not null && Enum.IsDefined(app.Algorithm) && app.Digits is >= 6 and <= 8 && app.PeriodSeconds is >= 1 and <= 86_400;

    private byte[]? Unprotect(Device device)
    {
        var secret = _protector.Unprotect(device.AuthenticatorApp!.ProtectedSecret);
        if (secret is null || secret.Length == 0)
        {
            Log.SecretUnreadable(_logger, device.UserId, "device " + device.Id);
            return null;
        }

        return secret;
    }

    private int ExpectedDigits(Device[] apps)
    {
        var first = apps[0].AuthenticatorApp!.Digits;
        return apps.All(d => d.AuthenticatorApp!.Digits == first) ? first : _options.CurrentValue.Digits;
    }
}
