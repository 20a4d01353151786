using System.Diagnostics;
using ImageStreamPS.OpenShift.LocalSandbox;

namespace ImageStreamPS.OpenShift.Tests.LocalSandbox;

/// <summary>The list of running sandboxes the module and the sandbox program share, and the description in it.</summary>
public sealed class RunningSandboxListTests : IDisposable
{
    private readonly string folder = Path.Combine(Path.GetTempPath(), "isps-running-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(folder)) Directory.Delete(folder, recursive: true);
    }

    private static SandboxDescription Describe(int processId) =>
        new("https://127.0.0.1:6443", "/data/kubeconfig", "127.0.0.1:5000", "/data", processId);

    [Fact]
    public void ADescriptionReadsBackAsWritten()
    {
        var sandbox = Describe(1234);
        Assert.Equal(sandbox, SandboxDescription.Parse(sandbox.ToJson()));
    }

    [Theory]
    [InlineData("not json")]
    [InlineData("[]")]
    [InlineData("""{"server":"https://127.0.0.1:1","kubeConfigPath":"k","registryEndpoint":"r","dataPath":"d"}""")]
    [InlineData("""{"server":"https://127.0.0.1:1","kubeConfigPath":"k","registryEndpoint":"r","dataPath":"","processId":5}""")]
    [InlineData("""{"server":"https://127.0.0.1:1","kubeConfigPath":"k","registryEndpoint":"r","dataPath":"d","processId":"5"}""")]
    public void AnythingElseIsAFormatException(string json) =>
        Assert.Throws<FormatException>(() => SandboxDescription.Parse(json));

    [Fact]
    public void ListsTheLiveEntryAndPrunesTheOneWhoseProcessIsGone()
    {
        using var exited = Process.Start(new ProcessStartInfo("dotnet", "--version") { RedirectStandardOutput = true })!;
        exited.WaitForExit();
        RunningSandboxList.Add(folder, Describe(Environment.ProcessId));
        RunningSandboxList.Add(folder, Describe(exited.Id));

        Assert.Equal([Environment.ProcessId], RunningSandboxList.Read(folder).Select(s => s.ProcessId));
        Assert.Equal([$"{Environment.ProcessId}.json"], Directory.GetFiles(folder).Select(Path.GetFileName));
    }

    [Fact]
    public void PrunesAnEntryOlderThanTheProcessWithItsId()
    {
        // The id was reused: the process running now started after the entry was written.
        RunningSandboxList.Add(folder, Describe(Environment.ProcessId));
        File.SetLastWriteTimeUtc(Path.Combine(folder, $"{Environment.ProcessId}.json"), Process.GetCurrentProcess().StartTime.ToUniversalTime().AddMinutes(-5));
        Assert.Empty(RunningSandboxList.Read(folder));
        Assert.Empty(Directory.GetFiles(folder));
    }

    [Fact]
    public void PrunesAnEntryThatIsNotADescription()
    {
        Directory.CreateDirectory(folder);
        File.WriteAllText(Path.Combine(folder, "77.json"), "{");
        Assert.Empty(RunningSandboxList.Read(folder));
        Assert.Empty(Directory.GetFiles(folder));
    }

    [Fact]
    public void RemovingTakesTheEntryOffAndAMissingFolderListsNothing()
    {
        Assert.Empty(RunningSandboxList.Read(folder));
        RunningSandboxList.Add(folder, Describe(Environment.ProcessId));
        RunningSandboxList.Remove(folder, Environment.ProcessId);
        Assert.Empty(RunningSandboxList.Read(folder));
    }

    [Fact]
    public void TheFolderAndItsEntriesAreOwnerOnly()
    {
        Assert.SkipWhen(OperatingSystem.IsWindows(), "Windows keeps an access list, not a mode");
        RunningSandboxList.Add(folder, Describe(Environment.ProcessId));
        const UnixFileMode others = UnixFileMode.GroupRead | UnixFileMode.GroupWrite | UnixFileMode.GroupExecute |
            UnixFileMode.OtherRead | UnixFileMode.OtherWrite | UnixFileMode.OtherExecute;
        Assert.Equal((UnixFileMode)0, File.GetUnixFileMode(folder) & others);
        Assert.Equal((UnixFileMode)0, File.GetUnixFileMode(Path.Combine(folder, $"{Environment.ProcessId}.json")) & others);
    }
}
