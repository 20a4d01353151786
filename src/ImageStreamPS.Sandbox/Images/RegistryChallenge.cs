using System.Text;

namespace ImageStreamPS.Sandbox.Images;

/// <summary>A parsed <c>WWW-Authenticate</c> challenge: the scheme and its parameters (realm, service, scope).</summary>
internal sealed record RegistryChallenge(string Scheme, IReadOnlyDictionary<string, string> Parameters)
{
    public string? Realm => Parameters.GetValueOrDefault("realm");

    public string? Service => Parameters.GetValueOrDefault("service");

    public string? Scope => Parameters.GetValueOrDefault("scope");

    public bool IsBearer => Scheme.Equals("Bearer", StringComparison.OrdinalIgnoreCase);

    public bool IsBasic => Scheme.Equals("Basic", StringComparison.OrdinalIgnoreCase);

    /// <summary>Parses <c>Bearer realm="https://auth.docker.io/token",service="registry.docker.io"</c>.</summary>
    public static RegistryChallenge? Parse(string? header)
    {
        if (string.IsNullOrWhiteSpace(header)) return null;
        header = header.Trim();
        var space = header.IndexOf(' ');
        var scheme = space < 0 ? header : header[..space];
        var parameters = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        var i = space < 0 ? header.Length : space + 1;
        while (i < header.Length)
        {
            while (i < header.Length && (header[i] == ' ' || header[i] == ',')) i++;
            var eq = header.IndexOf('=', i);
            if (eq < 0) break;
            var key = header[i..eq].Trim();
            i = eq + 1;
            var value = new StringBuilder();
            if (i < header.Length && header[i] == '"')
            {
                i++;
                while (i < header.Length && header[i] != '"')
                {
                    if (header[i] == '\\' && i + 1 < header.Length) i++;
                    value.Append(header[i++]);
                }
                i++;
            }
            else
            {
                while (i < header.Length && header[i] != ',') value.Append(header[i++]);
            }
            parameters[key] = value.ToString().Trim();
        }
        return new RegistryChallenge(scheme, parameters);
    }
}
