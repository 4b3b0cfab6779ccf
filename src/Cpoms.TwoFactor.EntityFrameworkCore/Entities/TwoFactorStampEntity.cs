namespace Cpoms.TwoFactor.EntityFrameworkCore.Entities;

/// <summary>One row of the two-factor stamp table: the current stamp of one user.</summary>
internal sealed class TwoFactorStampEntity
{
    public string UserId { get; set; } = "";

    public string Stamp { get; set; } = "";
}
