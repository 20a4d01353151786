namespace ImageStreamPS.Sandbox;

/// <summary>The sandboxes that are running, found through the sandbox.json of their data folders.</summary>
internal static class RunningSandboxes
{
    /// <summary>Looks in the default data folder, those of sandboxes this process started, and <paramref name="dataPaths"/>.</summary>
    public static IReadOnlyList<OpenShiftSandbox> Find(IEnumerable<string>? dataPaths)
    {
        var folders = new[] { SandboxFile.DefaultDataPath }
            .Concat(SandboxProcess.StartedDataPaths)
            .Concat(dataPaths ?? [])
            .Select(Path.GetFullPath)
            .Distinct(OperatingSystem.IsWindows() ? StringComparer.OrdinalIgnoreCase : StringComparer.Ordinal);
        return folders
            .Select(SandboxFile.Read)
            .OfType<OpenShiftSandbox>()
            .DistinctBy(s => s.ProcessId)
            .ToList();
    }
}
