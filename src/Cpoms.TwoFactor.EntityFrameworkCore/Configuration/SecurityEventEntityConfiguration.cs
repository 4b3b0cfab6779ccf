using Cpoms.TwoFactor.EntityFrameworkCore.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Cpoms.TwoFactor.EntityFrameworkCore.Configuration;

/// <summary>
/// Maps <see cref="SecurityEventEntity"/>: an append-only table whose index matches the one query the SDK
/// runs, a user's newest entries first.
/// </summary>
internal sealed class SecurityEventEntityConfiguration(TableNames names) : IEntityTypeConfiguration<SecurityEventEntity>
{
    public void Configure(EntityTypeBuilder<SecurityEventEntity> builder)
    {
        builder.ToTable(names.SecurityEvents, names.Schema);
        builder.HasKey(e => e.Id);
        builder.Property(e => e.Id).ValueGeneratedNever();
        builder.Property(e => e.UserId).HasMaxLength(ColumnLengths.UserId).IsRequired();
        builder.Property(e => e.TypeName).HasMaxLength(ColumnLengths.Name).IsRequired();
        builder.HasIndex(e => new { e.UserId, e.OccurredAt, e.Id }).IsDescending(false, true, true);
    }
}
