using Cpoms.TwoFactor.EntityFrameworkCore.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Cpoms.TwoFactor.EntityFrameworkCore.Configuration;

/// <summary>Maps <see cref="AttemptCounterEntity"/>, keyed by the throttling key.</summary>
internal sealed class AttemptCounterEntityConfiguration(TableNames names) : IEntityTypeConfiguration<AttemptCounterEntity>
{
    public void Configure(EntityTypeBuilder<AttemptCounterEntity> builder)
    {
        builder.ToTable(names.AttemptCounters, names.Schema);
        builder.HasKey(c => c.Key);
        builder.Property(c => c.Key).HasMaxLength(ColumnLengths.CounterKey).ValueGeneratedNever();
    }
}
