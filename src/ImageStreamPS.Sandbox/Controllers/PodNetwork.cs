using System.Net;

namespace ImageStreamPS.Sandbox.Controllers;

/// <summary>Pod IPs from OpenShift's default cluster network 10.128.0.0/14, lowest free first.</summary>
internal static class PodNetwork
{
    private const uint First = (10u << 24) | (128u << 16) | 2; // 10.128.0.2 (.1 is the node's gateway)
    private const uint Last = (10u << 24) | (131u << 16) | (255u << 8) | 254;

    public static string Allocate(IReadOnlySet<string> used)
    {
        for (var ip = First; ip <= Last; ip++)
        {
            if ((ip & 0xFF) is 0 or 255) continue;
            var text = new IPAddress(new[] { (byte)(ip >> 24), (byte)(ip >> 16), (byte)(ip >> 8), (byte)ip }).ToString();
            if (!used.Contains(text)) return text;
        }
        throw new InvalidOperationException("The pod network 10.128.0.0/14 is exhausted.");
    }
}
