using Cpoms.TwoFactor.EntityFrameworkCore.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Cpoms.TwoFactor.EntityFrameworkCore.Configuration;

/// <summary>Maps <see cref="ChallengeEntity"/>, with an index on the expiry for purging.</summary>
internal sealed class ChallengeEntityConfiguration(TableNames names) : IEntityTypeConfiguration<ChallengeEntity>
{
    public void Configure(EntityTypeBuilder<ChallengeEntity> builder)
    {
        builder.ToTable(names.Challenges, names.Schema);
        builder.HasKey(c => c.Id);
        builder.Property(c => c.Id).HasMaxLength(ColumnLengths.Id).ValueGeneratedNever();
        builder.Property(c => c.UserId).HasMaxLength(ColumnLengths.UserId).IsRequired();
        builder.Property(c => c.Purpose).HasMaxLength(ColumnLengths.Name).IsRequired();
        builder.Property(c => c.Value).IsRequired();
        builder.HasIndex(c => c.ExpiresAt);
    }
}
