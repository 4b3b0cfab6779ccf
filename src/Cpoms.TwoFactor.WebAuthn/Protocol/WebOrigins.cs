using System.Net;

namespace Cpoms.TwoFactor.WebAuthn.Protocol;

/// <summary>
/// Parsing of configured origins and RP IDs (HTML origin serialization; WebAuthn §5.1.2 RP ID rules), used at
/// start-up. Responses are then matched against the serialized forms byte for byte.
/// </summary>
internal static class WebOrigins
{
    /// <summary>The scheme prefix of an Android app's facet origin (WebAuthn §5.8.1, platform clients).</summary>
    public const string AndroidApkKeyHashPrefix = "android:apk-key-hash:";

    /// <summary>
    /// Parses an absolute web origin and returns its serialization (<c>scheme://host[:port]</c>, host in lower-case
    /// ASCII, default port omitted), as a browser writes it into <c>clientDataJSON.origin</c>.
    /// </summary>
    public static bool TryNormalize(string? value, out string origin, out string host, out string problem)
    {
        origin = "";
        host = "";
        if (string.IsNullOrWhiteSpace(value) || !Uri.TryCreate(value, UriKind.Absolute, out var uri))
        {
            problem = "is not an absolute URL";
            return false;
        }

        if (uri.Scheme != Uri.UriSchemeHttps && uri.Scheme != Uri.UriSchemeHttp)
        {
            problem = "must use https (or http for localhost)";
            return false;
        }

        if (uri.UserInfo.Length != 0 || uri.AbsolutePath != "/" || uri.Query.Length != 0 || uri.Fragment.Length != 0)
        {
            problem = "must be an origin only (scheme, host and optional port; no path, query or user info)";
            return false;
        }

        host = uri.IdnHost.ToLowerInvariant();
        if (uri.Scheme == Uri.UriSchemeHttp && !IsLocalhost(host))
        {
            problem = "must use https; plain http is accepted only for localhost";
            return false;
        }

        var hostText = uri.HostNameType == UriHostNameType.IPv6 ? "[" + host.Trim('[', ']') + "]" : host;
        origin = uri.IsDefaultPort ? $"{uri.Scheme}://{hostText}" : $"{uri.Scheme}://{hostText}:{uri.Port}";
        problem = "";
        return true;
    }

    /// <summary>
    /// Whether <paramref name="rpId"/> is a lower-case ASCII domain name (labels of letters, digits and hyphens),
    /// which is what browsers hash into <c>rpIdHash</c>.
    /// </summary>
    public static bool IsValidRpId(string? rpId)
    {
        if (string.IsNullOrEmpty(rpId) || rpId.Length > 253 || IPAddress.TryParse(rpId, out _))
        {
            return false;
        }

        foreach (var label in rpId.Split('.'))
        {
            if (label.Length is 0 or > 63 || label[0] == '-' || label[^1] == '-')
            {
                return false;
            }

            foreach (var c in label)
            {
                if (c is not ((>= 'a' and <= 'z') or (>= '0' and <= '9') or '-'))
                {
                    return false;
                }
            }
        }

        return true;
    }

    /// <summary>Whether <paramref name="rpId"/> equals <paramref name="host"/> or is a parent domain of it.</summary>
    public static bool IsRpIdSuffixOf(string rpId, string host) =>
        string.Equals(host, rpId, StringComparison.Ordinal) ||
        (host.Length > rpId.Length + 1 && host.EndsWith(rpId, StringComparison.Ordinal) && host[host.Length - rpId.Length - 1] == '.');

    /// <summary>Whether an APK signing-key hash is base64url of 32 bytes (SHA-256).</summary>
    public static bool IsValidApkKeyHash(string? hash) =>
        hash is { Length: 43 } && Base64UrlCodec.Decode(System.Text.Encoding.ASCII.GetBytes(hash)) is { Length: 32 };

    /// <summary>Whether a legacy U2F AppID is an absolute https URL (FIDO AppID and Facet Specification §3).</summary>
    public static bool IsValidAppId(string? appId) =>
        Uri.TryCreate(appId, UriKind.Absolute, out var uri) && uri.Scheme == Uri.UriSchemeHttps && uri.UserInfo.Length == 0;

    private static bool IsLocalhost(string host) =>
        host == "localhost" || host.EndsWith(".localhost", StringComparison.Ordinal) ||
        (IPAddress.TryParse(host.Trim('[', ']'), out var address) && IPAddress.IsLoopback(address));
}
