using System.Diagnostics;

namespace ImageStreamPS.Sandbox.Tests.Core;

/// <summary>
/// A real, small file system to fill up: a tmpfs of a few MiB mounted on a temp folder (Linux, as
/// root; other machines skip). <see cref="Fill"/> leaves only a little space, <see cref="Free"/> gives
/// it back, <see cref="RemountReadOnly"/> makes the folder read-only. Unmounted on dispose.
/// </summary>
public sealed class SmallDisk : IDisposable
{
    private readonly string filler;

    private SmallDisk(string path)
    {
        Path = path;
        filler = System.IO.Path.Combine(path, "filler");
    }

    /// <summary>The mount point.</summary>
    public string Path { get; }

    public long AvailableBytes => new DriveInfo(Path).AvailableFreeSpace;

    public static SmallDisk Mount(int megabytes)
    {
        if (!OperatingSystem.IsLinux() || !Environment.IsPrivilegedProcess || !File.Exists("/bin/mount"))
            Assert.Skip("a small tmpfs disk needs Linux and root (mount -t tmpfs)");
        var path = Directory.CreateTempSubdirectory("isps-smalldisk-").FullName;
        Run("/bin/mount", "-t", "tmpfs", "-o", $"size={megabytes}m", "tmpfs", path);
        return new SmallDisk(path);
    }

    /// <summary>Writes a filler file until at most <paramref name="leaveBytes"/> are free.</summary>
    public void Fill(long leaveBytes)
    {
        var chunk = new byte[64 * 1024];
        using var file = new FileStream(filler, FileMode.Append, FileAccess.Write, FileShare.None, 1);
        try
        {
            while (AvailableBytes > leaveBytes)
                file.Write(chunk, 0, (int)Math.Min(chunk.Length, AvailableBytes - leaveBytes));
        }
        catch (IOException) { } // full already
    }

    /// <summary>Deletes the filler: the space comes back.</summary>
    public void Free() => File.Delete(filler);

    public void RemountReadOnly() => Run("/bin/mount", "-o", "remount,ro", Path);

    public void RemountReadWrite() => Run("/bin/mount", "-o", "remount,rw", Path);

    private static void Run(string file, params string[] arguments)
    {
        using var process = Process.Start(new ProcessStartInfo(file, arguments) { RedirectStandardError = true, UseShellExecute = false })!;
        var error = process.StandardError.ReadToEnd();
        if (!process.WaitForExit(30_000)) { process.Kill(); throw new TimeoutException($"{file} did not finish"); }
        if (process.ExitCode != 0) throw new InvalidOperationException($"{file} {string.Join(' ', arguments)}: {error}");
    }

    public void Dispose()
    {
        try { Run("/bin/umount", Path); }
        catch (InvalidOperationException) { Run("/bin/umount", "-l", Path); }
        try { Directory.Delete(Path, recursive: true); } catch (IOException) { }
    }
}
