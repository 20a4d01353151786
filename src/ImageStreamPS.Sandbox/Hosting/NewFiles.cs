using System.Runtime.InteropServices;

namespace ImageStreamPS.Sandbox.Hosting;

/// <summary>
/// The sandbox process creates every file and folder for its owner only (umask 077 on Unix): the
/// store, its WAL, registry blobs and uploads hold Secrets and images. The data directory itself is
/// owner-only too (<see cref="DataDirectoryLock"/>); this is the second fence, and the only one for
/// a file written outside it (--kubeconfig).
/// </summary>
public static class NewFiles
{
    public static void OwnerOnly()
    {
        if (!OperatingSystem.IsWindows())
        {
            _ = SetCreationMask(0b000_111_111);
        }
    }

    // mode_t is 32 bits on Linux and 16 on macOS; the argument fits both and the old mask is ignored.
    [DllImport("libc", EntryPoint = "umask")]
    private static extern uint SetCreationMask(uint mask);
}
