namespace ImageStreamPS.Sandbox.Images;

/// <summary>A user name and password for a registry (from a dockercfg secret). Never logged.</summary>
internal sealed record RegistryCredential(string Username, string Password)
{
    public override string ToString() => $"RegistryCredential {{ Username = {Username} }}";
}
