namespace Cpoms.TwoFactor.WebAuthn.Cbor;

/// <summary>The CBOR simple values the decoder accepts (RFC 8949 §3.3); the numeric value is the simple value number.</summary>
public enum CborSimple
{
    /// <summary><c>false</c> (simple value 20, encoded 0xf4).</summary>
    False = 20,

    /// <summary><c>true</c> (simple value 21, encoded 0xf5).</summary>
    True = 21,

    /// <summary><c>null</c> (simple value 22, encoded 0xf6).</summary>
    Null = 22,

    /// <summary><c>undefined</c> (simple value 23, encoded 0xf7).</summary>
    Undefined = 23,
}
