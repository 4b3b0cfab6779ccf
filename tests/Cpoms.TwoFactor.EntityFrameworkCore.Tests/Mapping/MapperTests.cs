using Cpoms.TwoFactor.Core.Devices;
using Cpoms.TwoFactor.Core.Events;
using Cpoms.TwoFactor.EntityFrameworkCore.Mapping;
using Cpoms.TwoFactor.Testing.Specification;

namespace Cpoms.TwoFactor.EntityFrameworkCore.Tests.Mapping;

public sealed class MapperTests
{
    private static Device UsedApp()
    {
        var app = SpecificationData.AuthenticatorApp("user-1");
        return app with
        {
            LastUsedAt = SpecificationData.Start.AddDays(1),
            VerifiedAt = SpecificationData.Start.AddHours(1),
            AuthenticatorApp = app.AuthenticatorApp! with { LastAcceptedTimeStep = 59_000_123, DriftSteps = -1 },
        };
    }

    [Fact]
    public void DeviceMapper_AuthenticatorApp_RoundTripsEveryField()
    {
        var device = UsedApp();

        StoreAssert.Equal(device, DeviceMapper.ToDomain(DeviceMapper.ToEntity(device)));
    }

    [Fact]
    public void DeviceMapper_SecurityKey_RoundTripsEveryField()
    {
        var device = SpecificationData.SecurityKey("user-1") with { LastUsedAt = SpecificationData.Start.AddDays(1) };

        StoreAssert.Equal(device, DeviceMapper.ToDomain(DeviceMapper.ToEntity(device)));
    }

    [Fact]
    public void DeviceMapper_HostKindWithBothKindsOfData_RoundTripsBoth()
    {
        var device = SpecificationData.SecurityKey("user-1") with
        {
            Kind = new DeviceKind("Combo"),
            AuthenticatorApp = UsedApp().AuthenticatorApp,
        };

        StoreAssert.Equal(device, DeviceMapper.ToDomain(DeviceMapper.ToEntity(device)));
    }

    [Fact]
    public void DeviceMapper_AuthenticatorApp_LeavesSecurityKeyColumnsNull()
    {
        var entity = DeviceMapper.ToEntity(UsedApp());

        Assert.Null(entity.CredentialId);
        Assert.Null(entity.PublicKey);
        Assert.Null(entity.SignCount);
        Assert.Null(entity.Transports);
        Assert.Null(entity.BackedUp);
    }

    [Fact]
    public void DeviceMapper_SecurityKey_LeavesAuthenticatorAppColumnsNull()
    {
        var entity = DeviceMapper.ToEntity(SpecificationData.SecurityKey("user-1"));

        Assert.Null(entity.ProtectedSecret);
        Assert.Null(entity.OtpDigits);
        Assert.Null(entity.LastAcceptedTimeStep);
    }

    [Fact]
    public void DeviceMapper_Transports_AreAJsonArray()
    {
        var device = SpecificationData.SecurityKey("user-1");
        device = device with { SecurityKey = device.SecurityKey! with { Transports = ["usb", "hybrid", "a,b\"c"] } };

        Assert.Equal("[\"usb\",\"hybrid\",\"a,b\\u0022c\"]", DeviceMapper.ToEntity(device).Transports);
    }

    [Fact]
    public void DeviceMapper_MaximumSignCount_WidensWithoutLoss()
    {
        var device = SpecificationData.SecurityKey("user-1");
        device = device with { SecurityKey = device.SecurityKey! with { SignCount = uint.MaxValue } };

        var entity = DeviceMapper.ToEntity(device);

        Assert.Equal(4_294_967_295L, entity.SignCount);
        Assert.Equal(uint.MaxValue, DeviceMapper.ToDomain(entity).SecurityKey!.SignCount);
    }

    [Fact]
    public void DeviceMapper_TimeWithOffset_IsStoredAsUtc()
    {
        var registeredAt = new DateTimeOffset(2026, 1, 5, 10, 0, 0, TimeSpan.FromHours(1));
        var device = SpecificationData.AuthenticatorApp("user-1", registeredAt);

        var stored = DeviceMapper.ToEntity(device).RegisteredAt;

        Assert.Equal(TimeSpan.Zero, stored.Offset);
        Assert.Equal(new DateTime(2026, 1, 5, 9, 0, 0, DateTimeKind.Utc), stored.UtcDateTime);
    }

    [Fact]
    public void DeviceMapper_ToEntity_CopiesTheArrays()
    {
        var device = SpecificationData.SecurityKey("user-1");

        var entity = DeviceMapper.ToEntity(device);

        Assert.NotSame(device.SecurityKey!.CredentialId, entity.CredentialId);
        Assert.NotSame(device.SecurityKey.PublicKey, entity.PublicKey);
        Assert.NotSame(device.SecurityKey.UserHandle, entity.UserHandle);
    }

    [Fact]
    public void ChallengeMapper_Challenge_RoundTripsEveryField()
    {
        var challenge = SpecificationData.Challenge("user-1");

        StoreAssert.Equal(challenge, ChallengeMapper.ToDomain(ChallengeMapper.ToEntity(challenge)));
    }

    [Fact]
    public void SecurityEventMapper_Event_RoundTripsEveryField()
    {
        var securityEvent = SpecificationData.Event("user-1", SpecificationData.Start, SecurityEventTypes.DevicesReset) with
        {
            Outcome = SecurityEventOutcome.Success,
        };

        StoreAssert.Equal(securityEvent, SecurityEventMapper.ToDomain(SecurityEventMapper.ToEntity(securityEvent)));
    }
}
