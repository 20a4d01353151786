using Microsoft.Data.Sqlite;

namespace ImageStreamPS.Sandbox.Storage;

/// <summary>Why the data folder refused a write.</summary>
public enum StorageFailure
{
    /// <summary>No space left on the device (ENOSPC, SQLITE_FULL).</summary>
    DiskFull,

    /// <summary>The folder or its file system is read-only (EROFS, EACCES, SQLITE_READONLY).</summary>
    ReadOnly,

    /// <summary>Any other I/O error (SQLITE_IOERR, EIO).</summary>
    IoError,
}

/// <summary>
/// A write the data folder could not take; nothing of it was applied, and the next write is tried
/// afresh (space freed, folder writable again). The message names the cause and the folder, as a user
/// needs it ("disk full: no space left on the device of /path/sandbox.db"); <see cref="WriteRefusedMessage"/> adds
/// that the write was not applied and what to do.
/// Built with <see cref="From"/>, which recognises SQLite and OS errors and returns null for others.
/// </summary>
public sealed class StorageFailureException(StorageFailure failure, string path, Exception inner)
    : Exception(Describe(failure, path), inner)
{
    private const int SqliteReadOnly = 8, SqliteIoError = 10, SqliteFull = 13, SqliteCantOpen = 14;
    private const int Enospc = 28, Erofs = 30, Eio = 5, Eacces = 13, Edquot = 122;
    // Windows HRESULTs for ERROR_DISK_FULL, ERROR_HANDLE_DISK_FULL and ERROR_WRITE_PROTECT.
    private const int WinDiskFull = unchecked((int)0x80070070), WinHandleDiskFull = unchecked((int)0x80070027), WinWriteProtect = unchecked((int)0x80070013);

    public StorageFailure Failure { get; } = failure;

    /// <summary>The file or folder that refused the write.</summary>
    public string Path { get; } = path;

    /// <summary>The storage failure behind <paramref name="error"/> at <paramref name="path"/>, or null when it is something else.</summary>
    public static StorageFailureException? From(Exception error, string path) => Classify(error, path) is { } failure
        ? new StorageFailureException(failure, path, error)
        : null;

    /// <summary>The kind of storage failure <paramref name="error"/> is, or null. <paramref name="path"/> is probed when SQLite only says "I/O error".</summary>
    public static StorageFailure? Classify(Exception error, string? path = null) => error switch
    {
        StorageFailureException known => known.Failure,
        SqliteException { SqliteErrorCode: SqliteFull } => StorageFailure.DiskFull,
        SqliteException { SqliteErrorCode: SqliteReadOnly } => StorageFailure.ReadOnly,
        // SQLite reports ENOSPC or EROFS met while writing as SQLITE_IOERR_* or CANTOPEN without the OS error.
        SqliteException { SqliteErrorCode: SqliteIoError or SqliteCantOpen } => Probe(path),
        UnauthorizedAccessException => StorageFailure.ReadOnly,
        IOException { HResult: WinDiskFull or WinHandleDiskFull } => StorageFailure.DiskFull,
        IOException { HResult: WinWriteProtect } => StorageFailure.ReadOnly,
        IOException e when !OperatingSystem.IsWindows() => FromErrno(e.HResult),
        _ => null,
    };

    /// <summary>What the folder of <paramref name="path"/> says now: no space, not writable, or just an I/O error.</summary>
    private static StorageFailure Probe(string? path)
    {
        var folder = path is null ? null : Directory.Exists(path) ? path : System.IO.Path.GetDirectoryName(path);
        if (folder is null) return StorageFailure.IoError;
        try
        {
            if (new DriveInfo(System.IO.Path.GetFullPath(folder)).AvailableFreeSpace < 64 * 1024) return StorageFailure.DiskFull;
        }
        catch (Exception e) when (e is IOException or ArgumentException or UnauthorizedAccessException) { }
        var probe = System.IO.Path.Combine(folder, ".write-probe-" + Guid.NewGuid().ToString("n"));
        try
        {
            File.WriteAllBytes(probe, []);
            File.Delete(probe);
            return StorageFailure.IoError;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return Classify(e) ?? StorageFailure.IoError;
        }
    }

    // .NET on Unix puts the errno in IOException.HResult.
    private static StorageFailure? FromErrno(int errno) => errno switch
    {
        Enospc or Edquot => StorageFailure.DiskFull,
        Erofs or Eacces => StorageFailure.ReadOnly,
        Eio => StorageFailure.IoError,
        _ => null,
    };

    /// <summary>What a client whose write was refused reads: the cause, that nothing was applied, and what to do.</summary>
    public string WriteRefusedMessage => Failure switch
    {
        StorageFailure.DiskFull => Message + "; the write was not applied (free some space and retry)",
        StorageFailure.ReadOnly => Message + "; the write was not applied (make the folder writable and retry)",
        _ => Message + "; the write was not applied",
    };

    private static string Describe(StorageFailure failure, string path) => failure switch
    {
        StorageFailure.DiskFull => $"disk full: no space left on the device of {path}",
        StorageFailure.ReadOnly => $"read-only data folder: {path} cannot be written",
        _ => $"storage I/O error on {path}",
    };
}
