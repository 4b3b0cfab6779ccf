using System.Security.Cryptography.X509Certificates;

using Cpoms.TwoFactor.WebAuthn.Cbor;
using Cpoms.TwoFactor.WebAuthn.Cose;

namespace Cpoms.TwoFactor.WebAuthn.Attestation;

/// <summary>
/// Reads the members of an attestation statement (the CBOR map <c>attStmt</c>). A missing required member or a
/// member of the wrong CBOR type throws <see cref="AttestationFormatException"/>.
/// </summary>
internal static class AttestationStatement
{
    /// <summary>
    /// The most certificates a trust path may hold. Real paths have one to five; the cap bounds the parsing and
    /// chain-building work a hostile statement can cause.
    /// </summary>
    public const int MaxCertificates = 10;

    /// <summary><c>alg</c>: a COSE algorithm identifier. An unknown value is returned as is; the format rejects it.</summary>
    public static CoseAlgorithm ReadAlgorithm(CborMap statement) =>
        statement.TryGetValue("alg", out var value) && value is CborInteger { Value: >= int.MinValue and <= int.MaxValue } integer
            ? (CoseAlgorithm)(int)integer.Value
            : throw new AttestationFormatException("The attestation statement has no integer alg.");

    /// <summary>A required byte-string member, such as <c>sig</c>, <c>certInfo</c> or <c>pubArea</c>.</summary>
    public static ReadOnlyMemory<byte> ReadBytes(CborMap statement, string key) =>
        statement.TryGetValue(key, out var value) && value is CborByteString bytes
            ? bytes.Value
            : throw new AttestationFormatException($"The attestation statement has no byte string {key}.");

    /// <summary>A required, non-empty text-string member, such as <c>ver</c>.</summary>
    public static string ReadText(CborMap statement, string key) =>
        statement.TryGetValue(key, out var value) && value is CborTextString { Value.Length: > 0 } text
            ? text.Value
            : throw new AttestationFormatException($"The attestation statement has no text {key}.");

    /// <summary>
    /// <c>x5c</c>: a non-empty array of DER certificates, leaf first. <see langword="null"/> when absent and
    /// <paramref name="required"/> is false.
    /// </summary>
    public static X509Certificate2[]? ReadCertificates(CborMap statement, bool required)
    {
        if (!statement.TryGetValue("x5c", out var value))
        {
            return required ? throw new AttestationFormatException("The attestation statement has no x5c.") : null;
        }

        if (value is not CborArray { Items.Count: > 0 } array || array.Items.Any(item => item is not CborByteString))
        {
            throw new AttestationFormatException("The attestation statement's x5c is not a non-empty array of byte strings.");
        }

        return LoadAll([.. array.Items.Select(item => ((CborByteString)item).Value)]);
    }

    /// <summary>
    /// Loads at most <see cref="MaxCertificates"/> certificates, disposing the ones already loaded when a later one is
    /// malformed.
    /// </summary>
    public static X509Certificate2[] LoadAll(IReadOnlyCollection<ReadOnlyMemory<byte>> ders)
    {
        if (ders.Count > MaxCertificates)
        {
            throw new AttestationFormatException($"The trust path has more than {MaxCertificates} certificates.");
        }

        var certificates = new List<X509Certificate2>(ders.Count);
        try
        {
            foreach (var der in ders)
            {
                certificates.Add(AttestationCertificates.Load(der.Span));
            }

            return [.. certificates];
        }
        catch
        {
            Dispose(certificates);
            throw;
        }
    }

    /// <summary>Disposes certificates that will not be handed out (a failed verification).</summary>
    public static void Dispose(IEnumerable<X509Certificate2>? certificates)
    {
        foreach (var certificate in certificates ?? [])
        {
            certificate.Dispose();
        }
    }
}
