using System.Security.Cryptography;
using Cpoms.TwoFactor.Core;
using Cpoms.TwoFactor.Core.Devices;
using Cpoms.TwoFactor.Core.Events;
using Cpoms.TwoFactor.Core.Protection;
using Cpoms.TwoFactor.Core.Results;
using Cpoms.TwoFactor.Core.Stores;
using Cpoms.TwoFactor.Totp.Otp;
using Cpoms.TwoFactor.Totp.Qr;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Cpoms.TwoFactor.Totp;

/// <summary>
/// Enrolls authenticator apps: <see cref="BeginAsync"/> makes a secret and its QR code, the user scans it and
/// types the first code, and <see cref="CompleteAsync"/> checks that code and saves the device. Scoped.
/// </summary>
/// <remarks>
/// The caller decides who may enroll (for example: an elevated session, unless the user has no devices yet).
/// The secret lives only in the protected state of a one-time challenge (purpose <c>totp.enroll</c>) until the
/// device is saved; it never travels through a form field.
/// </remarks>
public sealed class AuthenticatorAppEnrollment
{
    internal const string Purpose = "totp.enroll";

    /// <summary>The longest account name accepted, so the key URI fits a QR code that phones scan easily.</summary>
    private const int MaxAccountNameLength = 256;

    private const string QrCodeLabel = "QR code to scan with your authenticator app";

    private readonly IChallengeStore _challenges;
    private readonly ISecretProtector _protector;
    private readonly DeviceManager _devices;
    private readonly ISecurityLog _securityLog;
    private readonly IOptionsMonitor<TotpOptions> _options;
    private readonly IOptionsMonitor<TwoFactorOptions> _coreOptions;
    private readonly TimeProvider _timeProvider;
    private readonly ILogger<AuthenticatorAppEnrollment> _logger;

    /// <summary>Creates the service; resolve it from dependency injection.</summary>
    public AuthenticatorAppEnrollment(
        IChallengeStore challenges,
        ISecretProtector protector,
        DeviceManager devices,
        ISecurityLog securityLog,
        IOptionsMonitor<TotpOptions> options,
        IOptionsMonitor<TwoFactorOptions> coreOptions,
        TimeProvider timeProvider,
        ILogger<AuthenticatorAppEnrollment> logger)
    {
        _challenges = challenges;
        _protector = protector;
        _devices = devices;
        _securityLog = securityLog;
        _options = options;
        _coreOptions = coreOptions;
        _timeProvider = timeProvider;
        _logger = logger;
    }

    /// <summary>
    /// Starts an enrollment: a new random secret of <see cref="TotpOptions.SecretSizeBytes"/> bytes, stored
    /// protected in a one-time challenge bound to <paramref name="userId"/> that lapses after
    /// <see cref="TwoFactorOptions.EnrollmentLifetime"/>. Each call starts a new, independent enrollment.
    /// </summary>
    /// <param name="userId">The user who is enrolling.</param>
    /// <param name="accountName">The account name the app shows under the issuer, such as the user's e-mail address
    /// (at most 256 characters; leading and trailing spaces are removed).</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>What to show: the QR code and the secret for manual entry. It contains the secret: do not log or cache it.</returns>
    public async Task<PendingEnrollment> BeginAsync(string userId, string accountName, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(userId);
        ArgumentException.ThrowIfNullOrWhiteSpace(accountName);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(accountName.Length, MaxAccountNameLength, nameof(accountName));
        var options = _options.CurrentValue;
        var now = _timeProvider.GetUtcNow();

        var secret = RandomNumberGenerator.GetBytes(options.SecretSizeBytes);
        try
        {
            var state = new EnrollmentState(
                _protector.Protect(secret), options.Issuer ?? _coreOptions.CurrentValue.ApplicationName, accountName.Trim(),
                options.Algorithm, options.Digits, (int)options.Period.TotalSeconds);
            var challenge = new OneTimeChallenge
            {
                Id = OneTimeChallenge.CreateId(),
                UserId = userId,
                Purpose = Purpose,
                State = state.Serialize(),
                CreatedAt = now,
                ExpiresAt = now + _coreOptions.CurrentValue.EnrollmentLifetime,
            };
            await _challenges.AddAsync(challenge, cancellationToken).ConfigureAwait(false);
            Log.EnrollmentStarted(_logger, userId, challenge.Id);
            return Present(challenge, state, secret);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(secret);
        }
    }

    /// <summary>
    /// The same pending enrollment again (the same secret and QR code), for example to show the form again after
    /// a wrong code. <see langword="null"/> when it is unknown, completed, expired or another user's.
    /// </summary>
    public async Task<PendingEnrollment?> FindAsync(string userId, string enrollmentId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(userId);
        if (string.IsNullOrEmpty(enrollmentId))
        {
            return null;
        }

        var challenge = await _challenges.FindAsync(
            enrollmentId, userId, Purpose, _timeProvider.GetUtcNow(), cancellationToken).ConfigureAwait(false);
        if (challenge is null || EnrollmentState.TryDeserialize(challenge.State) is not { } state)
        {
            return null;
        }

        var secret = Unprotect(userId, state);
        if (secret is null)
        {
            return null;
        }

        try
        {
            return Present(challenge, state, secret);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(secret);
        }
    }

    /// <summary>
    /// The pending enrollment's QR code as a PNG image (for hosts that serve it from a URL instead of inline SVG).
    /// Send it with <c>Cache-Control: no-store</c>: it contains the secret. <see langword="null"/> when the enrollment
    /// is unknown, completed, expired or another user's.
    /// </summary>
    /// <param name="userId">The user who is enrolling.</param>
    /// <param name="enrollmentId">The <see cref="PendingEnrollment.Id"/>.</param>
    /// <param name="pixelsPerModule">The size of one QR module in pixels, 1 to 32. Default 8.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    public async Task<byte[]?> GetQrCodePngAsync(
        string userId, string enrollmentId, int pixelsPerModule = 8, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(pixelsPerModule, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(pixelsPerModule, 32);
        var pending = await FindAsync(userId, enrollmentId, cancellationToken).ConfigureAwait(false);
        return pending is null ? null : QrCodeRenderer.RenderPng(pending.KeyUri, pixelsPerModule);
    }

    /// <summary>
    /// Completes an enrollment: checks the device name (<see cref="DeviceNames.Normalize"/>) and the code against
    /// the pending secret (± <see cref="TotpOptions.WindowSteps"/>), then consumes the enrollment atomically and
    /// saves the device through <see cref="DeviceManager.AddAsync"/> (security log, notification, stamp rotation).
    /// </summary>
    /// <remarks>
    /// A wrong name or code keeps the enrollment, so the user can try again with the same QR code. A second
    /// completion of the same enrollment fails with <see cref="TwoFactorErrors.ChallengeExpired"/>. The matched
    /// time step is saved as the device's last accepted step, so the enrollment code cannot sign in afterwards.
    /// The device stays <em>Unverified</em> until its first sign-in.
    /// </remarks>
    /// <returns>The new device, or <see cref="TwoFactorErrors.DeviceNameRequired"/>,
    /// <see cref="TwoFactorErrors.DeviceNameTooLong"/>, <see cref="TwoFactorErrors.ChallengeExpired"/>,
    /// <see cref="TotpErrors.CodeFormat"/>, <see cref="TotpErrors.InvalidCode"/>, <see cref="TotpErrors.ClockDrift"/>
    /// or <see cref="TwoFactorErrors.DuplicateDevice"/>.</returns>
    public async Task<TwoFactorResult<Device>> CompleteAsync(
        string userId, string enrollmentId, string? deviceName, string? code, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(userId);
        var name = DeviceNames.Normalize(deviceName);
        if (!name.Succeeded)
        {
            return name.Error;
        }

        if (string.IsNullOrEmpty(enrollmentId))
        {
            return TwoFactorErrors.ChallengeExpired;
        }

        var now = _timeProvider.GetUtcNow();
        var challenge = await _challenges.FindAsync(enrollmentId, userId, Purpose, now, cancellationToken).ConfigureAwait(false);
        if (challenge is null || EnrollmentState.TryDeserialize(challenge.State) is not { } state)
        {
            return TwoFactorErrors.ChallengeExpired;
        }

        if (!OtpCode.TryParse(code, out var value, out var length) || length != state.Digits)
        {
            return TotpErrors.CodeFormat(state.Digits);
        }

        var secret = Unprotect(userId, state);
        if (secret is null)
        {
            return TwoFactorErrors.ChallengeExpired;
        }

        try
        {
            var nowStep = TimeSteps.At(now, state.PeriodSeconds);
            var window = _options.CurrentValue.WindowSteps;
            var match = TotpMatcher.Match(state.Algorithm, secret, state.Digits, value, nowStep, window, lastAcceptedStep: null);
            if (match.Outcome != TotpMatchOutcome.Accepted)
            {
                var driftRange = DriftRange(_options.CurrentValue, state.PeriodSeconds);
                var drift = driftRange > window
                    ? TotpMatcher.FindDrift(state.Algorithm, secret, state.Digits, value, nowStep, driftRange, nowStep, window)
                    : null;
                var error = drift is { } steps
                    ? TotpErrors.ClockDrift(TimeSpan.FromSeconds((long)steps * state.PeriodSeconds))
                    : TotpErrors.InvalidCode;
                await FailAsync(userId, enrollmentId, error, cancellationToken).ConfigureAwait(false);
                return error;
            }

            var matchedStep = match.TimeStep;
            var consumed = await _challenges.TryConsumeAsync(enrollmentId, userId, Purpose, now, cancellationToken).ConfigureAwait(false);
            if (consumed is null)
            {
                return TwoFactorErrors.ChallengeExpired;
            }

            var device = new Device
            {
                Id = DeviceIds.Create(),
                UserId = userId,
                Kind = DeviceKind.AuthenticatorApp,
                Name = name.Value,
                RegisteredAt = now,
                AuthenticatorApp = new AuthenticatorAppData
                {
                    ProtectedSecret = state.ProtectedSecret,
                    Algorithm = state.Algorithm,
                    Digits = state.Digits,
                    PeriodSeconds = state.PeriodSeconds,
                    LastAcceptedTimeStep = matchedStep,
                    DriftSteps = (int)(matchedStep - nowStep),
                },
            };
            return await _devices.AddAsync(device, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(secret);
        }
    }

    /// <summary>How many steps either side of now the drift search covers for a device of this period.</summary>
    internal static int DriftRange(TotpOptions options, int periodSeconds) =>
        (int)Math.Min(TotpMatcher.MaxCandidates / 2, (long)options.DriftDetectionRange.TotalSeconds / periodSeconds);

    private async Task FailAsync(string userId, string enrollmentId, TwoFactorError error, CancellationToken cancellationToken)
    {
        Log.EnrollmentFailed(_logger, userId, enrollmentId, error.Code);
        await _securityLog.WriteAsync(
            userId, SecurityEventTypes.EnrollmentFailed, SecurityEventOutcome.Failure, detail: error.Code,
            cancellationToken: cancellationToken).ConfigureAwait(false);
    }

    private byte[]? Unprotect(string userId, EnrollmentState state)
    {
        var secret = _protector.Unprotect(state.ProtectedSecret);
        if (secret is null || secret.Length < 16)
        {
            Log.SecretUnreadable(_logger, userId, "a pending enrollment");
            if (secret is not null)
            {
                CryptographicOperations.ZeroMemory(secret);
            }

            return null;
        }

        return secret;
    }

    private static PendingEnrollment Present(OneTimeChallenge challenge, EnrollmentState state, byte[] secret)
    {
        var uri = new KeyUri(state.Issuer, state.AccountName, secret, state.Algorithm, state.Digits, state.PeriodSeconds);
        try
        {
            var text = uri.ToString();
            return new PendingEnrollment(
                challenge.Id, text, QrCodeRenderer.RenderSvg(text, QrCodeLabel), Base32.EncodeGrouped(secret), challenge.ExpiresAt);
        }
        finally
        {
            uri.ClearSecret();
        }
    }
}
