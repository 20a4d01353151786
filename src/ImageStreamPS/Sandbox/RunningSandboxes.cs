using ImageStreamPS.OpenShift.LocalSandbox;

namespace ImageStreamPS.Sandbox;

/// <summary>
/// The running sandboxes: the user's list of running sandboxes (every sandbox Start-OpenShiftSandbox
/// started, from any shell, wherever its data lives), the one in the default data folder (as the
/// program run by hand writes it) and those this process started.
/// </summary>
internal static class RunningSandboxes
{
    public static IReadOnlyList<OpenShiftSandbox> Find() =>
        RunningSandboxList.Read(SandboxLocations.RunningList)
            .Concat(Describe(SandboxProcess.StartedDataPaths.Prepend(SandboxLocations.DefaultDataPath)))
            .DistinctBy(s => s.ProcessId)
            .Select(OpenShiftSandbox.From)
            .ToList();

    /// <summary>The sandboxes running with data in <paramref name="dataPaths"/>.</summary>
    public static IReadOnlyList<OpenShiftSandbox> In(IEnumerable<string> dataPaths) =>
        Describe(dataPaths).DistinctBy(s => s.ProcessId).Select(OpenShiftSandbox.From).ToList();

    private static IEnumerable<SandboxDescription> Describe(IEnumerable<string> dataPaths) =>
        dataPaths
            .Select(Path.GetFullPath)
            .Distinct(OperatingSystem.IsWindows() ? StringComparer.OrdinalIgnoreCase : StringComparer.Ordinal)
            .Select(path => RunningSandboxList.ReadLive(SandboxLocations.DescriptionIn(path)))
            .OfType<SandboxDescription>();
}
