using Cpoms.TwoFactor.EntityFrameworkCore.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Cpoms.TwoFactor.EntityFrameworkCore.Configuration;

/// <summary>Maps <see cref="TwoFactorStampEntity"/>, keyed by user id.</summary>
internal sealed class TwoFactorStampEntityConfiguration(TableNames names) : IEntityTypeConfiguration<TwoFactorStampEntity>
{
    public void Configure(EntityTypeBuilder<TwoFactorStampEntity> builder)
    {
        builder.ToTable(names.Stamps, names.Schema);
        builder.HasKey(s => s.UserId);
        builder.Property(s => s.UserId).HasMaxLength(ColumnLengths.UserId).ValueGeneratedNever();
        builder.Property(s => s.Stamp).HasMaxLength(ColumnLengths.Stamp).IsRequired();
    }
}
