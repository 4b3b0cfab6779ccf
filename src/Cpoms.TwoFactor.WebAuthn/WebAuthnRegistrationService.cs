using System.Security.Cryptography;
using System.Text;

using Cpoms.TwoFactor.Core;
using Cpoms.TwoFactor.Core.Devices;
using Cpoms.TwoFactor.Core.Events;
using Cpoms.TwoFactor.Core.Results;
using Cpoms.TwoFactor.Core.Stores;
using Cpoms.TwoFactor.WebAuthn.Attestation;
using Cpoms.TwoFactor.WebAuthn.Protocol;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Cpoms.TwoFactor.WebAuthn;

/// <summary>
/// Registers a new security key for a user: the WebAuthn registration ceremony (§7.1).
/// </summary>
/// <remarks>
/// Resolve from dependency injection (scoped; registered by <c>AddWebAuthn()</c>). Whether the user may add a key
/// (an elevated session, or no devices yet) is the caller's decision and is not checked here. A response that
/// cannot be read, or a device name that is not valid, changes nothing; any other failure consumes the challenge
/// and is written to the security log as <see cref="SecurityEventTypes.EnrollmentFailed"/>.
/// </remarks>
public sealed class WebAuthnRegistrationService
{
    /// <summary>The purpose of registration challenges in the <see cref="IChallengeStore"/>.</summary>
    public const string ChallengePurpose = "webauthn.register";

    /// <summary>The length of a new user handle in bytes (WebAuthn §14.6.1 recommends 64 random bytes).</summary>
    private const int UserHandleLength = 64;

    private readonly RelyingPartyPolicyProvider _relyingParty;
    private readonly IOptionsMonitor<TwoFactorOptions> _twoFactorOptions;
    private readonly IChallengeStore _challenges;
    private readonly IDeviceStore _devices;
    private readonly DeviceManager _deviceManager;
    private readonly ISecurityLog _securityLog;
    private readonly AttestationVerifier _attestation;
    private readonly TimeProvider _timeProvider;
    private readonly ILogger _logger;

    internal WebAuthnRegistrationService(
        RelyingPartyPolicyProvider relyingParty,
        IOptionsMonitor<TwoFactorOptions> twoFactorOptions,
        IChallengeStore challenges,
        IDeviceStore devices,
        DeviceManager deviceManager,
        ISecurityLog securityLog,
        AttestationVerifier attestation,
        TimeProvider timeProvider,
        ILogger<WebAuthnRegistrationService> logger)
    {
        _relyingParty = relyingParty;
        _twoFactorOptions = twoFactorOptions;
        _challenges = challenges;
        _devices = devices;
        _deviceManager = deviceManager;
        _securityLog = securityLog;
        _attestation = attestation;
        _timeProvider = timeProvider;
        _logger = logger;
    }

    /// <summary>
    /// Starts registering a key: stores a new 32-byte challenge for <paramref name="userId"/> (purpose
    /// <see cref="ChallengePurpose"/>, valid for <see cref="TwoFactorOptions.ChallengeLifetime"/>) and returns the
    /// creation options: the algorithms of <see cref="WebAuthnOptions.Algorithms"/> in order, the user's existing keys
    /// as <c>excludeCredentials</c> (an authenticator cannot register the same key twice), the configured resident-key
    /// and user-verification requirements, attestation <c>none</c> (or <c>direct</c> when trust anchors, a required
    /// trusted attestation or an AAGUID allow-list are configured) and the <c>credProps</c> extension (plus
    /// <c>appidExclude</c> when the user has keys registered with the legacy U2F API and
    /// <see cref="WebAuthnOptions.LegacyAppId"/> is set, so those keys cannot be registered again either).
    /// </summary>
    /// <param name="userId">The user the key is for. Never sent to the browser.</param>
    /// <param name="userName">The account name the authenticator may show (<c>user.name</c>), such as the sign-in name.</param>
    /// <param name="userDisplayName">The friendly name the authenticator may show (<c>user.displayName</c>); may be empty.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <remarks>
    /// <c>user.id</c> is a random 64-byte user handle, reused from the user's existing keys when they have one; it never
    /// contains the user id, name or e-mail address.
    /// </remarks>
    public async Task<WebAuthnCeremony> BeginRegistrationAsync(
        string userId, string userName, string userDisplayName, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(userId);
        ArgumentException.ThrowIfNullOrEmpty(userName);
        ArgumentNullException.ThrowIfNull(userDisplayName);

        var (options, _) = _relyingParty.Current;
        var keys = new List<SecurityKeyData>();
        byte[]? userHandle = null;
        var hasLegacyKey = false;
        foreach (var device in await _devices.ListAsync(userId, cancellationToken).ConfigureAwait(false))
        {
            if (device.SecurityKey is { } key)
            {
                keys.Add(key);
                hasLegacyKey |= key.IsLegacyU2F;
                if (userHandle is null && !key.IsLegacyU2F && key.UserHandle.Length > 0)
                {
                    userHandle = key.UserHandle;
                }
            }
        }

        userHandle ??= RandomNumberGenerator.GetBytes(UserHandleLength);
        var challenge = RandomNumberGenerator.GetBytes(32);
        var algorithms = new List<int>(options.Algorithms.Count);
        foreach (var algorithm in options.Algorithms)
        {
            algorithms.Add((int)algorithm);
        }

        var state = new CeremonyState
        {
            UserHandle = userHandle,
            UserVerification = options.UserVerification,
            Algorithms = algorithms,
        };

        var now = _timeProvider.GetUtcNow();
        var stored = new OneTimeChallenge
        {
            Id = OneTimeChallenge.CreateId(),
            UserId = userId,
            Purpose = ChallengePurpose,
            Value = challenge,
            State = state.Serialize(),
            CreatedAt = now,
            ExpiresAt = now + _twoFactorOptions.CurrentValue.ChallengeLifetime,
        };
        await _challenges.AddAsync(stored, cancellationToken).ConfigureAwait(false);

        var trust = options.Attestation;
        var conveyance = trust.TrustAnchors.Count > 0 || trust.RequireTrustedAttestation || trust.AllowedAaguids.Count > 0 ? "direct" : "none";
        var json = CeremonyOptionsWriter.WriteCreationOptions(options, challenge, userHandle, userName, userDisplayName, algorithms, conveyance, keys,
            hasLegacyKey ? options.LegacyAppId : null);
        return new WebAuthnCeremony(stored.Id, json, stored.ExpiresAt);
    }

    /// <summary>
    /// Completes a registration: consumes the challenge (at most once), checks every step of WebAuthn §7.1 including
    /// the attestation statement and its trust under <see cref="WebAuthnOptions.Attestation"/>, and adds the key
    /// through <see cref="DeviceManager.AddAsync"/> (which rotates the user's two-factor stamp, logs and notifies).
    /// </summary>
    /// <param name="userId">The user the ceremony was started for.</param>
    /// <param name="challengeId">The <see cref="WebAuthnCeremony.ChallengeId"/> from <see cref="BeginRegistrationAsync"/>.</param>
    /// <param name="deviceName">The name the user chose for the key, such as "U2F Key" (see <see cref="DeviceNames"/>).</param>
    /// <param name="responseJson">The browser's <c>RegistrationResponseJSON</c> (<c>PublicKeyCredential.toJSON()</c>).</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>
    /// The new, not yet verified device. Otherwise a device-name error, a <c>webauthn.*</c> error (including the
    /// <c>webauthn.attestation_*</c> ones), <see cref="TwoFactorErrors.ChallengeExpired"/> for an unknown, used,
    /// expired or other-purpose challenge, or <see cref="TwoFactorErrors.DuplicateDevice"/> when the key is
    /// registered already (to anyone).
    /// </returns>
    public async Task<TwoFactorResult<Device>> CompleteRegistrationAsync(
        string userId, string challengeId, string deviceName, string responseJson, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(userId);
        ArgumentNullException.ThrowIfNull(challengeId);
        ArgumentNullException.ThrowIfNull(responseJson);

        var name = DeviceNames.Normalize(deviceName);
        if (!name.Succeeded)
        {
            return name.Error;
        }

        // §7.1 steps 2–4, and the structure read in steps 5–6, 12–13 and 25 (client data JSON, attestation object
        // CBOR, authenticator data, credential public key): all parsed before anything is touched, so that
        // unreadable input changes no state.
        if (responseJson.Length > CredentialResponse.MaxJsonBytes)
        {
            return WebAuthnErrors.MalformedResponse;
        }

        var (_, policy) = _relyingParty.Current;
        var response = CredentialResponse.Parse(Encoding.UTF8.GetBytes(responseJson), registration: true, out var parseError);
        using var registration = response is null ? null : RegistrationVerifier.Parse(response, policy, out parseError);
        if (registration is null)
        {
            Log.MalformedResponse(_logger, userId, "registration response");
            return parseError!;
        }

        // §7.1 step 1: the options issued for this user, recovered from the one-time challenge.
        var now = _timeProvider.GetUtcNow();
        var challenge = await _challenges.TryConsumeAsync(challengeId, userId, ChallengePurpose, now, cancellationToken).ConfigureAwait(false);
        if (challenge is null || CeremonyState.Deserialize(challenge.State) is not { } state)
        {
            return TwoFactorErrors.ChallengeExpired;
        }

        // §7.1 steps 3 and 7–20.
        if (RegistrationVerifier.Verify(registration, challenge.Value, state, policy) is { } error)
        {
            return await FailAsync(userId, error, cancellationToken).ConfigureAwait(false);
        }

        // §7.1 steps 21–22: the attestation statement format (matched case-sensitively) and its verification procedure.
        var verified = _attestation.Verify(
            registration.Format, registration.AttestationStatement, registration.AuthenticatorData,
            registration.ClientDataHash, registration.PublicKey, now);
        if (!verified.Succeeded)
        {
            return await FailAsync(userId, verified.Error, cancellationToken).ConfigureAwait(false);
        }

        // §7.1 steps 23–24 and 29: trust anchors from the configuration (no metadata service is consulted); a
        // certificate path must chain to one of them, and none/self attestation must be allowed by policy.
        var trusted = _attestation.EvaluateTrust(verified.Value, now);
        if (!trusted.Succeeded)
        {
            return await FailAsync(userId, trusted.Error, cancellationToken).ConfigureAwait(false);
        }

        // §7.1 step 28: client extension outputs: credProps only informs (the key is stored either way); outputs of
        // extensions the client or authenticator added on its own are ignored.
        // §7.1 step 27: the credential record. uvInitialized, the attestation object and the client data are not kept.
        var authData = registration.AuthenticatorData;
        var device = new Device
        {
            Id = DeviceIds.Create(),
            UserId = userId,
            Kind = DeviceKind.SecurityKey,
            Name = name.Value,
            RegisteredAt = now,
            SecurityKey = new SecurityKeyData
            {
                CredentialId = registration.Credential.CredentialId.ToArray(),
                PublicKey = registration.Credential.CredentialPublicKey.ToArray(),
                Algorithm = (int)registration.PublicKey.Algorithm,
                UserHandle = state.UserHandle,
                SignCount = authData.SignCount,
                Aaguid = registration.Credential.Aaguid,
                Transports = registration.Response.Transports,
                AttestationFormat = registration.Format,
                BackupEligible = authData.BackupEligible,
                BackedUp = authData.BackedUp,
                IsLegacyU2F = false,
            },
        };

        // §7.1 step 26: the credential ID is not registered to anyone yet. The store checks and adds in one atomic
        // step, so two concurrent registrations of one key cannot both succeed (core.device_duplicate).
        var added = await _deviceManager.AddAsync(device, cancellationToken).ConfigureAwait(false);
        if (!added.Succeeded)
        {
            Log.RegistrationFailed(_logger, userId, added.Error.Code);
            return added;
        }

        Log.RegistrationSucceeded(_logger, userId, device.Id, registration.Format);
        return added;
    }

    private async Task<TwoFactorResult<Device>> FailAsync(string userId, TwoFactorError error, CancellationToken cancellationToken)
    {
        Log.RegistrationFailed(_logger, userId, error.Code);
        await _securityLog.WriteAsync(
            userId, SecurityEventTypes.EnrollmentFailed, SecurityEventOutcome.Failure,
            detail: error.Code, cancellationToken: cancellationToken).ConfigureAwait(false);
        return error;
    }
}
