using System.Diagnostics;

namespace ImageStreamPS.OpenShift.LocalSandbox;

/// <summary>
/// The user's running sandboxes, wherever their data lives, so a shell finds the sandbox another
/// shell started. A sandbox started with <c>--running-list</c> writes its description as
/// <c>&lt;pid&gt;.json</c> into this owner-only folder once it is ready and deletes it when it stops;
/// the entry of a sandbox that could not (killed, crashed, a reboot) is pruned by whoever lists.
/// </summary>
public static class RunningSandboxList
{
    private const string Extension = ".json";

    public static void Add(string folder, SandboxDescription sandbox)
    {
        OwnerOnly.CreateDirectory(folder);
        OwnerOnly.WriteAllText(EntryPath(folder, sandbox.ProcessId), sandbox.ToJson());
    }

    public static void Remove(string folder, int processId) => Delete(EntryPath(folder, processId));

    /// <summary>The sandboxes in the list whose process still runs, oldest entry first; stale entries are deleted.</summary>
    public static IReadOnlyList<SandboxDescription> Read(string folder)
    {
        if (!Directory.Exists(folder))
        {
            return [];
        }

        var running = new List<(SandboxDescription Sandbox, DateTime Written)>();
        foreach (var entry in Directory.EnumerateFiles(folder, "*" + Extension))
        {
            var written = File.GetLastWriteTimeUtc(entry);
            if (ReadLive(entry) is { } sandbox)
            {
                running.Add((sandbox, written));
            }
            else if (File.Exists(entry))
            {
                Delete(entry);
            }
        }

        return running.OrderBy(r => r.Written).Select(r => r.Sandbox).ToList();
    }

    /// <summary>
    /// The sandbox a description file (an entry, or a data folder's sandbox.json) names, if its process
    /// still runs and is the one that wrote the file (not a later process that reused the id); else null.
    /// </summary>
    public static SandboxDescription? ReadLive(string path)
    {
        SandboxDescription sandbox;
        DateTime written;
        try
        {
            written = File.GetLastWriteTimeUtc(path);
            sandbox = SandboxDescription.Parse(File.ReadAllText(path));
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException or FormatException)
        {
            return null;
        }

        return IsAlive(sandbox.ProcessId, written) ? sandbox : null;
    }

    private static bool IsAlive(int processId, DateTime writtenUtc)
    {
        try
        {
            using var process = Process.GetProcessById(processId);
            return !process.HasExited && process.StartTime.ToUniversalTime() <= writtenUtc.AddSeconds(2);
        }
        catch (Exception exception) when (exception is ArgumentException or InvalidOperationException or System.ComponentModel.Win32Exception or NotSupportedException)
        {
            return false;
        }
    }

    private static string EntryPath(string folder, int processId) => Path.Combine(folder, processId.ToString(System.Globalization.CultureInfo.InvariantCulture) + Extension);

    private static void Delete(string entry)
    {
        try
        {
            File.Delete(entry);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            // The next lister prunes it.
        }
    }
}
