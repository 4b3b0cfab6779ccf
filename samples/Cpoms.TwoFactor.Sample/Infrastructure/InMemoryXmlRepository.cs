using System.Xml.Linq;
using Microsoft.AspNetCore.DataProtection.Repositories;

namespace Cpoms.TwoFactor.Sample.Infrastructure;

/// <summary>
/// Keeps the Data Protection key ring in memory, so the sample writes no key files. Cookies, antiforgery
/// tokens and protected TOTP secrets therefore become unreadable when the process restarts. A real host
/// persists and shares the key ring (see the README).
/// </summary>
internal sealed class InMemoryXmlRepository : IXmlRepository
{
    private readonly Lock _gate = new();
    private readonly List<XElement> _elements = [];

    public IReadOnlyCollection<XElement> GetAllElements()
    {
        lock (_gate)
        {
            return [.. _elements.Select(e => new XElement(e))];
        }
    }

    public void StoreElement(XElement element, string friendlyName)
    {
        lock (_gate)
        {
            _elements.Add(new XElement(element));
        }
    }
}
