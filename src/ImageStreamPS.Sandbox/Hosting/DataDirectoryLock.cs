using ImageStreamPS.OpenShift.LocalSandbox;

namespace ImageStreamPS.Sandbox.Hosting;

/// <summary>
/// One sandbox per data directory: <c>&lt;data&gt;/sandbox.lock</c> is held open exclusively while the
/// sandbox runs (the OS releases it even after kill -9). A second sandbox on the same directory would
/// serve a stale in-memory copy of the store, so it refuses to start instead. Taking the lock also
/// creates the directory owner-only (it holds the token, keys and every object), and tells a directory
/// the sandbox cannot write apart from one another sandbox holds.
/// </summary>
public sealed class DataDirectoryLock : IDisposable
{
    private readonly FileStream _file;

    private DataDirectoryLock(FileStream file) => _file = file;

    public static DataDirectoryLock Acquire(string dataPath)
    {
        var path = Path.Combine(dataPath, "sandbox.lock");
        try
        {
            OwnerOnly.CreateDirectory(dataPath);
            // FileShare.None is an exclusive flock on Unix and a sharing violation on Windows.
            return new DataDirectoryLock(new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None));
        }
        catch (IOException e) when (HeldByAnother(e))
        {
            throw new DataDirectoryInUseException(dataPath);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new DataDirectoryNotWritableException(dataPath, e);
        }
    }

    public void Dispose() => _file.Dispose();

    // A held lock surfaces as a sharing or lock violation on Windows, and as flock's EWOULDBLOCK
    // (11 on Linux, 35 on macOS) on Unix, where .NET puts the errno in HResult.
    private static bool HeldByAnother(IOException e) =>
        OperatingSystem.IsWindows() ? (e.HResult & 0xFFFF) is 32 or 33 : e.HResult == (OperatingSystem.IsLinux() ? 11 : 35);
}

public sealed class DataDirectoryInUseException(string dataPath)
    : Exception($"another sandbox is already running with the data directory {dataPath}")
{
    public string DataPath { get; } = dataPath;
}

/// <summary>The data directory cannot be created or written: a read-only file system, no permission, a file in the way.</summary>
public sealed class DataDirectoryNotWritableException(string dataPath, Exception inner)
    : Exception($"the data directory {dataPath} is not writable ({Reason(inner)}): choose another data directory, or make this one writable", inner)
{
    public string DataPath { get; } = dataPath;

    private static string Reason(Exception inner) => inner switch
    {
        UnauthorizedAccessException => "permission denied",
        _ when inner.Message.Contains("read-only", StringComparison.OrdinalIgnoreCase) => "read-only file system",
        _ => inner.Message.TrimEnd('.'),
    };
}
