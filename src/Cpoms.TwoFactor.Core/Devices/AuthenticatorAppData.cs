namespace Cpoms.TwoFactor.Core.Devices;

/// <summary>The HMAC hash function of a one-time-password device (RFC 6238 §1.2).</summary>
public enum OtpAlgorithm
{
    /// <summary>HMAC-SHA-1, the RFC 4226 default and the only one every authenticator app supports.</summary>
    Sha1 = 0,

    /// <summary>HMAC-SHA-256.</summary>
    Sha256 = 1,

    /// <summary>HMAC-SHA-512.</summary>
    Sha512 = 2,
}

/// <summary>The authenticator-app ("soft key") part of a <see cref="Device"/>.</summary>
public sealed record AuthenticatorAppData
{
    /// <summary>
    /// The shared secret, protected with <see cref="Protection.ISecretProtector"/>. The plain secret is
    /// never stored, logged or shown after enrollment.
    /// </summary>
    public required string ProtectedSecret { get; init; }

    /// <summary>The HMAC algorithm the app was enrolled with.</summary>
    public OtpAlgorithm Algorithm { get; init; } = OtpAlgorithm.Sha1;

    /// <summary>Code length, 6 to 8 digits.</summary>
    public int Digits { get; init; } = 6;

    /// <summary>Time-step length in seconds (RFC 6238 X).</summary>
    public int PeriodSeconds { get; init; } = 30;

    /// <summary>
    /// The last time step whose code was accepted (replay guard). A code is accepted only for a later step;
    /// stores change it only through <see cref="Stores.IDeviceStore.TryAdvanceTimeStepAsync"/>.
    /// </summary>
    public long? LastAcceptedTimeStep { get; init; }

    /// <summary>
    /// The device clock's learned offset in time steps (RFC 6238 §6), positive when the device is fast.
    /// </summary>
    public int DriftSteps { get; init; }
}
