using System.Runtime.InteropServices;
using Microsoft.Extensions.Hosting;

namespace ImageStreamPS.Sandbox.Hosting;

/// <summary>
/// <c>--exit-with-parent</c>: the sandbox lives exactly as long as the process that started it.
/// It leaves the terminal's session, because a terminal sends Ctrl+C (SIGINT) to its whole
/// foreground process group, which a child shares with the shell: Ctrl+C must cancel the shell's
/// command, not stop the sandbox. It stops when its standard input closes, which the OS does when
/// the parent exits for any reason, kill -9 included. (On Windows the module starts it without a
/// console, so Ctrl+C in the parent's console never reaches it.)
/// </summary>
public static class ParentProcessLink
{
    /// <summary>
    /// Leaves the terminal's session and process group (setsid) on Unix. Does nothing when the
    /// process already leads its group (started from an interactive shell as its own job) or on Windows.
    /// </summary>
    public static void LeaveTerminalSession()
    {
        if (OperatingSystem.IsWindows())
        {
            return;
        }

        _ = NewSession(); // fails (EPERM) only for a process group leader, which no terminal signal is shared with
    }

    /// <summary>Stops the application when standard input reaches its end.</summary>
    public static void StopWhenInputCloses(IHostApplicationLifetime lifetime) =>
        _ = Task.Run(() =>
        {
            using var input = Console.OpenStandardInput();
            var buffer = new byte[256];
            try
            {
                while (input.Read(buffer, 0, buffer.Length) > 0)
                {
                }
            }
            catch (IOException)
            {
                // A broken pipe is the parent gone too.
            }

            lifetime.StopApplication();
        });

    [DllImport("libc", EntryPoint = "setsid")]
    private static extern int NewSession();
}
