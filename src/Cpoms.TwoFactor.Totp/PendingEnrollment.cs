namespace Cpoms.TwoFactor.Totp;

/// <summary>
/// An authenticator-app enrollment waiting for the user to scan the QR code and type the first code. Show it
/// only to the user it was made for, only over HTTPS, and never cache it: <see cref="KeyUri"/>,
/// <see cref="QrCodeSvg"/> and <see cref="ManualEntryKey"/> contain the shared secret.
/// </summary>
/// <param name="Id">The handle to send back with the code (a hidden field is fine: it is not the secret).</param>
/// <param name="KeyUri">The <c>otpauth://totp/…</c> URI in the QR code (for a "open in app" link on phones).</param>
/// <param name="QrCodeSvg">The QR code as an inline, accessible SVG element (<c>role="img"</c>, with a title), sized by its viewBox.</param>
/// <param name="ManualEntryKey">The secret in Base32, in groups of four ("ABCD EFGH …"), for typing into an app by hand.</param>
/// <param name="ExpiresAt">When the enrollment lapses (<see cref="Core.TwoFactorOptions.EnrollmentLifetime"/> after it began).</param>
public sealed record PendingEnrollment(string Id, string KeyUri, string QrCodeSvg, string ManualEntryKey, DateTimeOffset ExpiresAt)
{
    /// <summary>Only <see cref="Id"/> and <see cref="ExpiresAt"/>: the other members contain the secret, and a record's
    /// default <c>ToString</c> would put it into any log or exception message the object reaches.</summary>
    /// <returns>A description without the secret.</returns>
    public override string ToString() =>
        string.Create(System.Globalization.CultureInfo.InvariantCulture, $"PendingEnrollment {{ Id = {Id}, ExpiresAt = {ExpiresAt:O} }}");
}
