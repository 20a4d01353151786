using System.Globalization;

namespace ImageStreamPS.OpenShift.Images;

/// <summary>
/// The registry part of a pull spec (<c>quay.io</c>, <c>127.0.0.1:5000</c>, <c>[::1]:5000</c>). The
/// reference grammar takes any digits as a port; a registry on port 99999 cannot exist, so the
/// client refuses it before sending a request that could only fail on the server.
/// </summary>
public static class RegistryHost
{
    /// <summary>Null when <paramref name="registry"/> has no port or a port from 1 to 65535; else the message.</summary>
    public static string? ValidatePort(string? registry)
    {
        if (string.IsNullOrEmpty(registry)) return null;
        var hostEnd = registry.StartsWith('[') ? registry.IndexOf(']') : -1;
        var colon = registry.IndexOf(':', Math.Max(hostEnd, 0));
        if (colon < 0) return null;
        var port = registry[(colon + 1)..];
        return int.TryParse(port, NumberStyles.None, CultureInfo.InvariantCulture, out var number) && number is >= 1 and <= 65535
            ? null
            : $"invalid port \"{port}\" in registry \"{registry}\": a port is a number from 1 to 65535";
    }

    /// <summary>Checks the registry port of a pull spec (a spec that does not parse is left to the server).</summary>
    /// <exception cref="ArgumentException">The port cannot exist.</exception>
    public static void EnsureValidPort(string? pullSpec)
    {
        if (DockerImageReference.TryParse(pullSpec, out var reference) && ValidatePort(reference.Registry) is { } problem)
            throw new ArgumentException($"invalid image \"{pullSpec}\": {problem}");
    }
}
