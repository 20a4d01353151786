namespace ImageStreamPS.Sandbox;

/// <summary>The sandboxes that are running, found through the sandbox.json of their data folders.</summary>
internal static class RunningSandboxes
{
    /// <summary>The sandbox in the default data folder and those this process started.</summary>
    public static IReadOnlyList<OpenShiftSandbox> Find() =>
        In(SandboxProcess.StartedDataPaths.Prepend(SandboxFile.DefaultDataPath));

    /// <summary>The sandboxes running with data in <paramref name="dataPaths"/>.</summary>
    public static IReadOnlyList<OpenShiftSandbox> In(IEnumerable<string> dataPaths) =>
        dataPaths
            .Select(Path.GetFullPath)
            .Distinct(OperatingSystem.IsWindows() ? StringComparer.OrdinalIgnoreCase : StringComparer.Ordinal)
            .Select(SandboxFile.Read)
            .OfType<OpenShiftSandbox>()
            .DistinctBy(s => s.ProcessId)
            .ToList();
}
