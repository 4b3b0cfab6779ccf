using Cpoms.TwoFactor.Core.Devices;
using Cpoms.TwoFactor.EntityFrameworkCore.Mapping;
using Cpoms.TwoFactor.Testing.Specification;
using FsCheck;
using FsCheck.Fluent;

namespace Cpoms.TwoFactor.EntityFrameworkCore.Tests.Mapping;

// Whatever a security key or an authenticator app holds, the flat row holds it too.
public sealed class MapperPropertyTests
{
    [Fact]
    public void DeviceMapper_AnySecurityKeyBytesCountAndTransports_RoundTrip()
    {
        Prop.ForAll<byte[], uint, string[]>((bytes, signCount, transports) =>
        {
            var template = SpecificationData.SecurityKey("user-1");
            var device = template with
            {
                SecurityKey = template.SecurityKey! with
                {
                    CredentialId = bytes,
                    PublicKey = [.. bytes, 0x01],
                    UserHandle = bytes.Reverse().ToArray(),
                    SignCount = signCount,
                    Transports = transports,
                },
            };

            var key = DeviceMapper.ToDomain(DeviceMapper.ToEntity(device)).SecurityKey!;

            return key.CredentialId.AsSpan().SequenceEqual(bytes) &&
                   key.PublicKey.AsSpan().SequenceEqual(device.SecurityKey.PublicKey) &&
                   key.UserHandle.AsSpan().SequenceEqual(device.SecurityKey.UserHandle) &&
                   key.SignCount == signCount &&
                   key.Transports.SequenceEqual(transports);
        }).QuickCheckThrowOnFailure();
    }

    [Fact]
    public void DeviceMapper_AnyAuthenticatorAppState_RoundTrips()
    {
        Prop.ForAll<long, int, string>((step, drift, secret) =>
        {
            var template = SpecificationData.AuthenticatorApp("user-1");
            var device = template with
            {
                AuthenticatorApp = template.AuthenticatorApp! with
                {
                    ProtectedSecret = secret ?? "",
                    LastAcceptedTimeStep = step,
                    DriftSteps = drift,
                    Algorithm = (OtpAlgorithm)(Math.Abs(drift % 3)),
                },
            };

            return DeviceMapper.ToDomain(DeviceMapper.ToEntity(device)).AuthenticatorApp == device.AuthenticatorApp;
        }).QuickCheckThrowOnFailure();
    }
}
