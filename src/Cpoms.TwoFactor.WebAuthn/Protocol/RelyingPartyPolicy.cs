using System.Security.Cryptography;
using System.Text;

namespace Cpoms.TwoFactor.WebAuthn.Protocol;

/// <summary>
/// The relying party's expectations in the form the verifiers compare against without allocating: the RP ID hash
/// and the UTF-8 origins. Built once per options value.
/// </summary>
internal sealed class RelyingPartyPolicy
{
    public RelyingPartyPolicy(
        string rpId,
        IEnumerable<string> origins,
        IEnumerable<string> androidApkKeyHashes,
        bool allowCrossOrigin,
        IEnumerable<string> topOrigins)
    {
        RpId = rpId;
        RpIdHash = SHA256.HashData(Encoding.UTF8.GetBytes(rpId));
        var accepted = new List<byte[]>();
        foreach (var origin in origins)
        {
            if (WebOrigins.TryNormalize(origin, out var normalized, out _, out _))
            {
                accepted.Add(Encoding.UTF8.GetBytes(normalized));
            }
        }

        foreach (var hash in androidApkKeyHashes)
        {
            accepted.Add(Encoding.UTF8.GetBytes(WebOrigins.AndroidApkKeyHashPrefix + hash));
        }

        Origins = [.. accepted];
        AllowCrossOrigin = allowCrossOrigin;
        var tops = new List<byte[]>();
        foreach (var origin in topOrigins)
        {
            if (WebOrigins.TryNormalize(origin, out var normalized, out _, out _))
            {
                tops.Add(Encoding.UTF8.GetBytes(normalized));
            }
        }

        TopOrigins = [.. tops];
    }

    /// <summary>The RP ID.</summary>
    public string RpId { get; }

    /// <summary>SHA-256 of the RP ID, what <c>authData.rpIdHash</c> must be.</summary>
    public byte[] RpIdHash { get; }

    /// <summary>The accepted <c>clientDataJSON.origin</c> values, UTF-8, serialized as browsers write them.</summary>
    public byte[][] Origins { get; }

    /// <summary>Whether <c>crossOrigin: true</c> is accepted.</summary>
    public bool AllowCrossOrigin { get; }

    /// <summary>The accepted <c>clientDataJSON.topOrigin</c> values, UTF-8.</summary>
    public byte[][] TopOrigins { get; }

    /// <summary>Builds the policy from validated options.</summary>
    public static RelyingPartyPolicy FromOptions(WebAuthnOptions options) =>
        new(options.RelyingPartyId, options.Origins, options.AllowedAndroidApkKeyHashes, options.AllowCrossOrigin,
            options.AllowedTopOrigins);
}
