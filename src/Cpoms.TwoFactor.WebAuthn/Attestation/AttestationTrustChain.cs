using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Cpoms.TwoFactor.WebAuthn.Attestation;

/// <summary>
/// Builds an attestation trust path up to a configured trust anchor (WebAuthn §7.1 step 22). Only the configured
/// anchors are trusted: the machine's certificate stores are not consulted, and a root the client sent along is never
/// used in its place.
/// </summary>
internal static class AttestationTrustChain
{
    /// <summary>
    /// The configured anchor that <paramref name="trustPath"/> (leaf first) chains to at <paramref name="verificationTime"/>,
    /// or <see langword="null"/>.
    /// </summary>
    /// <remarks>
    /// Revocation is not checked (<see cref="X509RevocationMode.NoCheck"/>) and nothing is downloaded: attestation
    /// certificates rarely publish revocation data, and a registration must not depend on outside servers. Certificates
    /// the client sent that are self-issued (roots) are left out of the chain engine's extra store, so an anchor with the
    /// same subject and key (Google's four hardware attestation roots differ only in validity) is chosen over the
    /// client's copy.
    /// </remarks>
    public static X509Certificate2? FindAnchor(IReadOnlyList<X509Certificate2> trustPath, IEnumerable<X509Certificate2> anchors, DateTimeOffset verificationTime)
    {
        // Anchors are roots (self-issued). An intermediate listed as an anchor is ignored on every platform, rather
        // than accepted where the platform's chain engine happens to allow partial chains.
        var anchorList = anchors.Where(AttestationCertificates.IsSelfIssued).ToList();
        if (trustPath.Count == 0 || anchorList.Count == 0)
        {
            return null;
        }

        using var chain = new X509Chain();
        var policy = chain.ChainPolicy;
        policy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        policy.CustomTrustStore.AddRange(anchorList.ToArray());
        policy.RevocationMode = X509RevocationMode.NoCheck;
        policy.DisableCertificateDownloads = true;
        policy.VerificationTime = verificationTime.UtcDateTime;
        foreach (var certificate in trustPath.Skip(1))
        {
            if (!AttestationCertificates.IsSelfIssued(certificate))
            {
                policy.ExtraStore.Add(certificate);
            }
        }

        try
        {
            if (!chain.Build(trustPath[0]) || chain.ChainElements.Count == 0)
            {
                return null;
            }

            // Belt and braces: the chain engine's root must be one of the configured anchors, byte for byte.
            var root = chain.ChainElements[^1].Certificate.RawDataMemory;
            return anchorList.FirstOrDefault(anchor => anchor.RawDataMemory.Span.SequenceEqual(root.Span));
        }
        catch (CryptographicException)
        {
            return null;
        }
        finally
        {
            foreach (var element in chain.ChainElements)
            {
                element.Certificate.Dispose();
            }
        }
    }
}
