using System.Runtime.Versioning;
using System.Security.AccessControl;
using System.Security.Principal;

namespace ImageStreamPS.OpenShift.LocalSandbox;

/// <summary>
/// Folders and files only their owner can open: mode 0700/0600 on Unix; on Windows a folder whose
/// access list (no longer inherited) grants the current user alone, which the files in it inherit.
/// The sandbox keeps a token, keys and every object (Secrets too) in such a folder.
/// </summary>
public static class OwnerOnly
{
    private const UnixFileMode FolderMode = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;
    private const UnixFileMode FileMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
    private const UnixFileMode OwnerBits = FolderMode;

    /// <summary>Creates the folder (and missing parents) if needed and makes it owner-only.</summary>
    public static void CreateDirectory(string path)
    {
        if (OperatingSystem.IsWindows())
        {
            Directory.CreateDirectory(path);
            RestrictToCurrentUser(new DirectoryInfo(path));
            return;
        }

        Directory.CreateDirectory(path, FolderMode);
        // An existing folder loses what others could do; the owner's own bits stay (a folder made read-only stays so).
        var mode = File.GetUnixFileMode(path);
        if ((mode & ~OwnerBits) != 0)
        {
            File.SetUnixFileMode(path, mode & OwnerBits);
        }
    }

    /// <summary>Writes a file readable only by its owner, atomically (a reader sees the old or the new content).</summary>
    public static void WriteAllText(string path, string content)
    {
        var temporary = $"{path}.{Environment.ProcessId}.tmp";
        var options = new FileStreamOptions { Mode = System.IO.FileMode.Create, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = FileMode;
        }

        try
        {
            using (var stream = new FileStream(temporary, options))
            using (var writer = new StreamWriter(stream))
            {
                writer.Write(content);
            }

            if (!OperatingSystem.IsWindows())
            {
                File.SetUnixFileMode(temporary, FileMode); // an existing temporary file keeps its mode
            }

            File.Move(temporary, path, overwrite: true);
        }
        catch
        {
            File.Delete(temporary);
            throw;
        }
    }

    [SupportedOSPlatform("windows")]
    private static void RestrictToCurrentUser(DirectoryInfo folder)
    {
        using var identity = WindowsIdentity.GetCurrent();
        var security = new DirectorySecurity();
        security.SetAccessRuleProtection(isProtected: true, preserveInheritance: false);
        security.AddAccessRule(new FileSystemAccessRule(identity.User!, FileSystemRights.FullControl,
            InheritanceFlags.ContainerInherit | InheritanceFlags.ObjectInherit, PropagationFlags.None, AccessControlType.Allow));
        folder.SetAccessControl(security);
    }
}
