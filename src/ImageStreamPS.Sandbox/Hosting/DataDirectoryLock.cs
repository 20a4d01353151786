namespace ImageStreamPS.Sandbox.Hosting;

/// <summary>
/// One sandbox per data directory: <c>&lt;data&gt;/sandbox.lock</c> is held open exclusively while the
/// sandbox runs (the OS releases it even after kill -9). A second sandbox on the same directory would
/// serve a stale in-memory copy of the store, so it refuses to start instead.
/// </summary>
public sealed class DataDirectoryLock : IDisposable
{
    private readonly FileStream _file;

    private DataDirectoryLock(FileStream file) => _file = file;

    public static DataDirectoryLock Acquire(string dataPath)
    {
        Directory.CreateDirectory(dataPath);
        var path = Path.Combine(dataPath, "sandbox.lock");
        try
        {
            // FileShare.None is an exclusive flock on Unix and a sharing violation on Windows.
            return new DataDirectoryLock(new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None));
        }
        catch (IOException)
        {
            throw new DataDirectoryInUseException(dataPath);
        }
    }

    public void Dispose() => _file.Dispose();
}

public sealed class DataDirectoryInUseException(string dataPath)
    : Exception($"another sandbox is already running with the data directory {dataPath}")
{
    public string DataPath { get; } = dataPath;
}
