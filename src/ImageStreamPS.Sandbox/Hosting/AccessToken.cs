using System.Security.Cryptography;
using System.Text;
using ImageStreamPS.OpenShift.LocalSandbox;

namespace ImageStreamPS.Sandbox.Hosting;

/// <summary>
/// The bearer token the API requires: random, kept in <c>&lt;data&gt;/token</c> (mode 0600) so it survives
/// restarts, and otherwise written only into the sandbox's kubeconfig. Compared in constant time.
/// </summary>
public sealed class AccessToken
{
    private readonly byte[] _expected;

    private AccessToken(string value)
    {
        Value = value;
        _expected = Encoding.UTF8.GetBytes(value);
    }

    /// <summary>The secret. Only the kubeconfig writer reads it.</summary>
    internal string Value { get; }

    public static AccessToken LoadOrCreate(string dataPath)
    {
        var path = Path.Combine(dataPath, "token");
        if (File.Exists(path) && File.ReadAllText(path).Trim() is { Length: >= 32 } existing) return new AccessToken(existing);
        var token = "sha256~" + Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
        OwnerOnly.WriteAllText(path, token);
        return new AccessToken(token);
    }

    /// <summary>True when the Authorization header carries this token.</summary>
    public bool Accepts(string? authorization)
    {
        const string prefix = "Bearer ";
        if (authorization is null || !authorization.StartsWith(prefix, StringComparison.OrdinalIgnoreCase)) return false;
        return Matches(authorization[prefix.Length..].Trim());
    }

    /// <summary>True when <paramref name="presented"/> is this token (the integrated registry also takes it as a Basic password).</summary>
    public bool Matches(string presented) => CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(presented), _expected);

    public override string ToString() => "<redacted>";
}
