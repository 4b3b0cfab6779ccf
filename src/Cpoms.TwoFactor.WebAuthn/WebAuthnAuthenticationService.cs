using System.Security.Cryptography;
using System.Text;

using Cpoms.TwoFactor.Core;
using Cpoms.TwoFactor.Core.Devices;
using Cpoms.TwoFactor.Core.Events;
using Cpoms.TwoFactor.Core.Results;
using Cpoms.TwoFactor.Core.Stores;
using Cpoms.TwoFactor.Core.Throttling;
using Cpoms.TwoFactor.WebAuthn.Cose;
using Cpoms.TwoFactor.WebAuthn.Protocol;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Cpoms.TwoFactor.WebAuthn;

/// <summary>
/// Signs a user in with one of their security keys: the WebAuthn authentication ceremony (§7.2) as a second
/// factor. The user is always known (they passed the password), so the request lists their keys.
/// </summary>
/// <remarks>
/// Resolve from dependency injection (scoped; registered by <c>AddWebAuthn()</c>). Failed attempts are throttled per
/// user and per key through <see cref="IAttemptThrottle"/>: the user is checked first, each failure before the key is
/// known is counted, and the signature check itself runs only inside an attempt reserved with
/// <see cref="IAttemptThrottle.TryBeginAttemptAsync"/>. Failures are written to the security log; a response that
/// cannot be read changes nothing at all.
/// </remarks>
public sealed class WebAuthnAuthenticationService
{
    /// <summary>The purpose of authentication challenges in the <see cref="IChallengeStore"/>.</summary>
    public const string ChallengePurpose = "webauthn.authenticate";

    private readonly RelyingPartyPolicyProvider _relyingParty;
    private readonly IOptionsMonitor<TwoFactorOptions> _twoFactorOptions;
    private readonly IChallengeStore _challenges;
    private readonly IDeviceStore _devices;
    private readonly DeviceManager _deviceManager;
    private readonly ISecurityLog _securityLog;
    private readonly IAttemptThrottle _throttle;
    private readonly CoseKeyCache _keys;
    private readonly TimeProvider _timeProvider;
    private readonly ILogger _logger;

    internal WebAuthnAuthenticationService(
        RelyingPartyPolicyProvider relyingParty,
        IOptionsMonitor<TwoFactorOptions> twoFactorOptions,
        IChallengeStore challenges,
        IDeviceStore devices,
        DeviceManager deviceManager,
        ISecurityLog securityLog,
        IAttemptThrottle throttle,
        CoseKeyCache keys,
        TimeProvider timeProvider,
        ILogger<WebAuthnAuthenticationService> logger)
    {
        _relyingParty = relyingParty;
        _twoFactorOptions = twoFactorOptions;
        _challenges = challenges;
        _devices = devices;
        _deviceManager = deviceManager;
        _securityLog = securityLog;
        _throttle = throttle;
        _keys = keys;
        _timeProvider = timeProvider;
        _logger = logger;
    }

    /// <summary>
    /// Starts a sign-in: stores a new 32-byte challenge for <paramref name="userId"/> (purpose
    /// <see cref="ChallengePurpose"/>, valid for <see cref="TwoFactorOptions.ChallengeLifetime"/>) and returns the
    /// request options, whose <c>allowCredentials</c> lists the user's keys with their transports. When
    /// <see cref="WebAuthnOptions.LegacyAppId"/> is set and one of the keys was registered with the legacy U2F API,
    /// the options carry the <c>appid</c> extension.
    /// </summary>
    /// <param name="userId">The signed-in user (after the password).</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>The ceremony, or <see cref="WebAuthnErrors.NoCredentials"/> when the user has no security keys, or a
    /// throttling error while the user is locked out.</returns>
    public async Task<TwoFactorResult<WebAuthnCeremony>> BeginAuthenticationAsync(string userId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(userId);
        if (await _throttle.CheckAsync(userId, null, cancellationToken).ConfigureAwait(false) is { } blocked)
        {
            return blocked;
        }

        var (options, _) = _relyingParty.Current;
        var keys = new List<SecurityKeyData>();
        var hasLegacyKey = false;
        foreach (var device in await _devices.ListAsync(userId, cancellationToken).ConfigureAwait(false))
        {
            if (device.SecurityKey is { } key)
            {
                keys.Add(key);
                hasLegacyKey |= key.IsLegacyU2F;
            }
        }

        if (keys.Count == 0)
        {
            return WebAuthnErrors.NoCredentials;
        }

        var appId = hasLegacyKey ? options.LegacyAppId : null;
        var challenge = RandomNumberGenerator.GetBytes(32);
        var state = new CeremonyState
        {
            UserVerification = options.UserVerification,
            AllowCredentials = keys.ConvertAll(k => k.CredentialId),
            AppId = appId,
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
        var json = CeremonyOptionsWriter.WriteRequestOptions(options, challenge, keys, appId);
        return TwoFactorResult.Success(new WebAuthnCeremony(stored.Id, json, stored.ExpiresAt));
    }

    /// <summary>
    /// Completes a sign-in: consumes the challenge (at most once), checks every step of WebAuthn §7.2 against the
    /// user's key, and on success updates the key's signature counter and backup state atomically and records the
    /// successful use (<see cref="DeviceManager.RecordSuccessfulUseAsync"/>).
    /// </summary>
    /// <param name="userId">The signed-in user the ceremony was started for.</param>
    /// <param name="challengeId">The <see cref="WebAuthnCeremony.ChallengeId"/> from <see cref="BeginAuthenticationAsync"/>.</param>
    /// <param name="responseJson">The browser's <c>AuthenticationResponseJSON</c> (<c>PublicKeyCredential.toJSON()</c>).</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>
    /// The key's device (updated) on success. Otherwise a <c>webauthn.*</c> error from <see cref="WebAuthnErrors"/>,
    /// <see cref="TwoFactorErrors.ChallengeExpired"/> for an unknown, used, expired or other-purpose challenge, or a
    /// throttling error. A signature counter that did not increase is logged as
    /// <see cref="SecurityEventTypes.PossibleClonedKey"/>.
    /// </returns>
    public async Task<TwoFactorResult<Device>> CompleteAuthenticationAsync(
        string userId, string challengeId, string responseJson, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(userId);
        ArgumentNullException.ThrowIfNull(challengeId);
        ArgumentNullException.ThrowIfNull(responseJson);

        if (await _throttle.CheckAsync(userId, null, cancellationToken).ConfigureAwait(false) is { } blocked)
        {
            return blocked;
        }

        // §7.2 steps 2–4: the credential, its response and its client extension results, and the structure read in
        // steps 8–9 and 15 (client data JSON, authenticator data with its CBOR extensions), all parsed before anything
        // is touched, so that unreadable input changes no state. The verifier reads them again for the checks.
        if (responseJson.Length > CredentialResponse.MaxJsonBytes)
        {
            return WebAuthnErrors.MalformedResponse;
        }

        var policy = _relyingParty.Current.Policy;
        var response = CredentialResponse.Parse(Encoding.UTF8.GetBytes(responseJson), registration: false, out var parseError);
        if (response is null || !IsReadable(response, policy))
        {
            Log.MalformedResponse(_logger, userId, "authentication response");
            return parseError ?? WebAuthnErrors.MalformedResponse;
        }

        // §7.2 step 1: the options issued for this user, recovered from the one-time challenge.
        var now = _timeProvider.GetUtcNow();
        var challenge = await _challenges.TryConsumeAsync(challengeId, userId, ChallengePurpose, now, cancellationToken).ConfigureAwait(false);
        if (challenge is null || CeremonyState.Deserialize(challenge.State) is not { } state)
        {
            return TwoFactorErrors.ChallengeExpired;
        }

        // §7.2 step 3: a public-key credential.
        if (!response.IsPublicKeyType)
        {
            return await FailAsync(userId, null, WebAuthnErrors.CredentialTypeInvalid, cancellationToken).ConfigureAwait(false);
        }

        // §7.2 step 6 (the user was identified before the ceremony): the credential record whose id is rawId must be
        // one of this user's. Looked up before step 5 so that an unknown key and a key outside the request get
        // different errors; both steps must pass. Another user's key is reported as unknown.
        var device = await _devices.FindByCredentialIdAsync(response.RawId, cancellationToken).ConfigureAwait(false);
        if (device?.SecurityKey is not { } key ||
            !string.Equals(device.UserId, userId, StringComparison.Ordinal) ||
            !key.CredentialId.AsSpan().SequenceEqual(response.RawId))
        {
            return await FailAsync(userId, null, WebAuthnErrors.UnknownCredential, cancellationToken).ConfigureAwait(false);
        }

        // §7.2 step 5: credential.id is one of options.allowCredentials.
        if (state.AllowCredentials.Count > 0 && !Contains(state.AllowCredentials, response.RawId))
        {
            return await FailAsync(userId, device.Id, WebAuthnErrors.CredentialNotAllowed, cancellationToken).ConfigureAwait(false);
        }

        // §7.2 step 6, continued: a user handle, when present, is the one the credential was created for. An empty
        // string (Safari) counts as absent.
        if (response.UserHandle is { } userHandle && !CryptographicOperations.FixedTimeEquals(userHandle, key.UserHandle))
        {
            return await FailAsync(userId, device.Id, WebAuthnErrors.UserHandleMismatch, cancellationToken).ConfigureAwait(false);
        }

        // Reserve this attempt for the user and the key before the signature is checked: counted as a failure
        // atomically until it succeeds, so parallel requests cannot slip extra attempts past a delay or lockout.
        if (await _throttle.TryBeginAttemptAsync(userId, device.Id, cancellationToken).ConfigureAwait(false) is { } deviceBlocked)
        {
            Log.AuthenticationFailed(_logger, userId, device.Id, deviceBlocked.Code);
            return deviceBlocked;
        }

        CoseKey publicKey;
        try
        {
            publicKey = _keys.GetOrDecode(key.PublicKey);
        }
        catch (FormatException)
        {
            // A stored key that no longer imports cannot verify anything.
            return await FailAsync(userId, device.Id, WebAuthnErrors.SignatureInvalid, cancellationToken).ConfigureAwait(false);
        }

        // §10.1.1 appid: only a legacy U2F key may have signed for the AppID, and only when the request offered it.
        var appIdHash = state.AppId is { } appId && key.IsLegacyU2F ? SHA256.HashData(Encoding.UTF8.GetBytes(appId)) : [];

        // §7.2 steps 7–23.
        var outcome = AssertionVerifier.Verify(
            response.ClientDataJson,
            response.AuthenticatorData,
            response.Signature,
            new AssertionExpectations(
                challenge.Value,
                policy,
                state.UserVerification == WebAuthnUserVerification.Required,
                appIdHash,
                publicKey,
                key.SignCount),
            response.AppIdExtensionOutput);
        if (outcome.Error is { } error)
        {
            if (ReferenceEquals(error, WebAuthnErrors.CounterNotIncreased))
            {
                Log.PossibleClonedKey(_logger, userId, device.Id, key.SignCount, outcome.SignCount);
                await _securityLog.WriteAsync(
                    userId, SecurityEventTypes.PossibleClonedKey, SecurityEventOutcome.Failure, device.Id,
                    detail: $"signature counter {outcome.SignCount} after {key.SignCount}",
                    cancellationToken: cancellationToken).ConfigureAwait(false);
            }

            return await FailAsync(userId, device.Id, error, cancellationToken).ConfigureAwait(false);
        }

        // §7.2 step 24: update the credential record (signature counter, backup state) with one compare-and-swap on
        // the stored counter. Losing the race means another assertion of this key was accepted meanwhile: refused
        // like a counter that did not increase. (uvInitialized is not kept: user verification is not part of this
        // relying party's policy for a second factor.)
        if (!await _devices.TryUpdateSecurityKeyStateAsync(
                device.Id, key.SignCount, outcome.SignCount, outcome.BackupEligible, outcome.BackedUp, cancellationToken).ConfigureAwait(false))
        {
            Log.ConcurrentAssertion(_logger, userId, device.Id);
            return await FailAsync(userId, device.Id, WebAuthnErrors.CounterNotIncreased, cancellationToken).ConfigureAwait(false);
        }

        // §7.2 step 19: a change of backup state is recorded, not refused.
        if (outcome.BackupEligible != key.BackupEligible || outcome.BackedUp != key.BackedUp)
        {
            Log.BackupStateChanged(_logger, userId, device.Id, outcome.BackupEligible, outcome.BackedUp);
            await _securityLog.WriteAsync(
                userId, SecurityEventTypes.BackupStateChanged, SecurityEventOutcome.Success, device.Id,
                detail: $"backup eligible {outcome.BackupEligible}, backed up {outcome.BackedUp}",
                cancellationToken: cancellationToken).ConfigureAwait(false);
        }

        // §7.2 step 25: continue the ceremony: record the use (last used, verified, throttling reset, security log).
        await _deviceManager.RecordSuccessfulUseAsync(device, cancellationToken).ConfigureAwait(false);
        Log.AuthenticationSucceeded(_logger, userId, device.Id, outcome.UsedAppId);
        var updated = await _devices.FindAsync(device.Id, cancellationToken).ConfigureAwait(false);
        return TwoFactorResult.Success(updated ?? device with
        {
            SecurityKey = key with { SignCount = outcome.SignCount, BackupEligible = outcome.BackupEligible, BackedUp = outcome.BackedUp },
        });
    }

    private async Task<TwoFactorResult<Device>> FailAsync(string userId, string? deviceId, TwoFactorError error, CancellationToken cancellationToken)
    {
        Log.AuthenticationFailed(_logger, userId, deviceId, error.Code);
        await _securityLog.WriteAsync(
            userId, SecurityEventTypes.FactorFailed, SecurityEventOutcome.Failure, deviceId,
            detail: error.Code, cancellationToken: cancellationToken).ConfigureAwait(false);
        var blocked = await _throttle.RecordFailureAsync(userId, deviceId, cancellationToken).ConfigureAwait(false);
        return blocked ?? error;
    }

    private static bool IsReadable(CredentialResponse response, RelyingPartyPolicy policy)
    {
        if (!ClientDataVerifier.IsWellFormed(response.ClientDataJson, policy))
        {
            return false;
        }

        try
        {
            AuthenticatorData.Parse(response.AuthenticatorData);
            return true;
        }
        catch (FormatException)
        {
            return false;
        }
    }

    private static bool Contains(IReadOnlyList<byte[]> credentialIds, byte[] credentialId)
    {
        foreach (var id in credentialIds)
        {
            if (id.AsSpan().SequenceEqual(credentialId))
            {
                return true;
            }
        }

        return false;
    }
}
