using Cpoms.TwoFactor.EntityFrameworkCore.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Cpoms.TwoFactor.EntityFrameworkCore.Configuration;

/// <summary>Maps <see cref="DeviceEntity"/>: one row per device, kind-specific columns nullable.</summary>
internal sealed class DeviceEntityConfiguration(TableNames names) : IEntityTypeConfiguration<DeviceEntity>
{
    public void Configure(EntityTypeBuilder<DeviceEntity> builder)
    {
        builder.ToTable(names.Devices, names.Schema);
        builder.HasKey(d => d.Id);
        builder.Property(d => d.Id).HasMaxLength(ColumnLengths.Id).ValueGeneratedNever();
        builder.Property(d => d.UserId).HasMaxLength(ColumnLengths.UserId).IsRequired();
        builder.Property(d => d.Kind).HasMaxLength(ColumnLengths.Name).IsRequired();
        builder.Property(d => d.Name).HasMaxLength(ColumnLengths.DeviceName).IsRequired();

        // Binary, so that no text collation (case-insensitive or otherwise) can make two credential ids equal.
        // A unique index on a nullable column allows any number of authenticator apps (NULL credential ids).
        builder.Property(d => d.CredentialId).HasMaxLength(ColumnLengths.CredentialId);
        builder.HasIndex(d => d.CredentialId).IsUnique();

        builder.HasIndex(d => new { d.UserId, d.RegisteredAt });
    }
}
