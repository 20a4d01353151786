namespace ImageStreamPS.OpenShift.LocalSandbox;

/// <summary>The user's folders the sandbox program and the module agree on, under &lt;LocalApplicationData&gt;/ImageStreamPS.</summary>
public static class SandboxLocations
{
    /// <summary>The data folder when none is given (the program's default <c>--data</c>).</summary>
    public static string DefaultDataPath => Path.Combine(UserFolder, "sandbox");

    /// <summary>The list of running sandboxes, one file per sandbox (see <see cref="RunningSandboxList"/>).</summary>
    public static string RunningList => Path.Combine(UserFolder, "running");

    /// <summary>The file a running sandbox keeps in its data folder.</summary>
    public static string DescriptionIn(string dataPath) => Path.Combine(dataPath, "sandbox.json");

    // DoNotVerify: the folder may not exist yet (a fresh profile); whoever writes creates it.
    private static string UserFolder =>
        Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.LocalApplicationData, Environment.SpecialFolderOption.DoNotVerify), "ImageStreamPS");
}
