using System.Collections.Concurrent;
using System.Diagnostics;
using System.Runtime.InteropServices;
using ImageStreamPS.OpenShift.LocalSandbox;

namespace ImageStreamPS.Sandbox;

/// <summary>
/// Starts the sandbox program (in a child pwsh, <see cref="ChildPwsh"/>), waits for its
/// <c>SANDBOX READY {json}</c> line, keeps draining its output, and stops it: gracefully first
/// (stdin closed, SIGTERM), then by killing it.
/// </summary>
internal sealed class SandboxProcess
{
    public const string ReadyPrefix = "SANDBOX READY ";
    private const int KeptLines = 40;

    // Sandboxes started by this process, so Get-/Stop-OpenShiftSandbox find them whatever their data folder.
    private static readonly ConcurrentDictionary<int, SandboxProcess> Started = new();

    private readonly Process process;
    private readonly ConcurrentQueue<string> lastLines = new();
    private readonly TaskCompletionSource<string> ready = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private SandboxProcess(Process process, string dataPath)
    {
        this.process = process;
        DataPath = dataPath;
    }

    public string DataPath { get; }

    /// <summary>True when this process started the sandbox process <paramref name="processId"/> and it still runs.</summary>
    public static bool IsStartedHere(int processId) => Started.TryGetValue(processId, out var sandbox) && !sandbox.HasExited;

    /// <summary>Data folders of the sandboxes this process started that still run.</summary>
    public static IEnumerable<string> StartedDataPaths => Started.Values.Where(s => !s.HasExited).Select(s => s.DataPath);

    private bool HasExited
    {
        get
        {
            try
            {
                return process.HasExited;
            }
            catch (InvalidOperationException)
            {
                return true;
            }
        }
    }

    /// <summary>The sandbox program shipped in the module's <c>sandbox</c> folder.</summary>
    public static string ProgramPath =>
        Path.Combine(Path.GetDirectoryName(typeof(SandboxProcess).Assembly.Location) ?? AppContext.BaseDirectory, "sandbox", "ImageStreamPS.Sandbox.dll");

    /// <summary>The sandbox program's folder in the module.</summary>
    public static string ProgramFolder => Path.GetDirectoryName(ProgramPath)!;

    /// <summary>Starts the process <paramref name="startInfo"/> describes (see <see cref="ChildPwsh"/>), its input and output redirected.</summary>
    public static SandboxProcess Start(ProcessStartInfo startInfo, string dataPath)
    {
        startInfo.RedirectStandardInput = true;
        startInfo.RedirectStandardOutput = true;
        startInfo.RedirectStandardError = true;
        startInfo.UseShellExecute = false;
        startInfo.CreateNoWindow = true; // on Windows no console shared with the parent, so its Ctrl+C never reaches the sandbox
        var process = new Process { StartInfo = startInfo, EnableRaisingEvents = true };
        var sandbox = new SandboxProcess(process, dataPath);
        process.OutputDataReceived += (_, e) => sandbox.OnOutput(e.Data);
        process.ErrorDataReceived += (_, e) => sandbox.Keep(e.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        Started[process.Id] = sandbox;
        return sandbox;
    }

    public int ProcessId => process.Id;

    /// <summary>The last lines the program wrote (stderr and stdout), for error messages.</summary>
    public string Output => string.Join(Environment.NewLine, lastLines);

    /// <summary>
    /// The sandbox description from its ready line. Throws <see cref="SandboxStartException"/> when the
    /// program exits first or <paramref name="timeout"/> passes (the process is then killed).
    /// </summary>
    public async Task<OpenShiftSandbox> WaitUntilReadyAsync(TimeSpan timeout, CancellationToken cancellationToken)
    {
        using var timer = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timer.CancelAfter(timeout);
        var exited = process.WaitForExitAsync(timer.Token);
        try
        {
            var first = await Task.WhenAny(ready.Task, exited).ConfigureAwait(false);
            if (first == ready.Task)
            {
                return Describe(await ready.Task.ConfigureAwait(false));
            }

            await exited.ConfigureAwait(false);
            // The ready line may have been the last thing read before the exit was noticed.
            if (ready.Task.IsCompleted)
            {
                return Describe(await ready.Task.ConfigureAwait(false));
            }

            process.WaitForExit(); // flushes the remaining output events
            throw new SandboxStartException($"The sandbox exited with code {process.ExitCode} before it was ready.", Output, timedOut: false, process.ExitCode);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            Kill();
            throw new SandboxStartException($"The sandbox was not ready after {timeout.TotalSeconds:0.#} seconds; it was stopped.", Output, timedOut: true, exitCode: null);
        }
        catch (OperationCanceledException)
        {
            Kill();
            throw;
        }
        catch (FormatException exception)
        {
            Kill();
            throw new SandboxStartException($"The sandbox's ready line is not valid: {exception.Message}", Output, timedOut: false, exitCode: null);
        }
    }

    private static OpenShiftSandbox Describe(string readyJson)
    {
        var description = SandboxDescription.Parse(readyJson);
        return Uri.TryCreate(description.Server, UriKind.Absolute, out _)
            ? OpenShiftSandbox.From(description)
            : throw new FormatException($"The server '{description.Server}' is not an absolute URI.");
    }

    /// <summary>
    /// Stops a sandbox: closes its stdin (it runs with --exit-with-parent) if this process started it,
    /// sends SIGTERM on Unix, waits up to <paramref name="grace"/>, then kills it. True when it exited gracefully.
    /// </summary>
    public static async Task<bool> StopAsync(int processId, TimeSpan grace, CancellationToken cancellationToken)
    {
        Process process;
        try
        {
            process = Started.TryGetValue(processId, out var started) ? started.process : Process.GetProcessById(processId);
        }
        catch (ArgumentException)
        {
            return true; // already gone
        }

        try
        {
            if (Started.TryGetValue(processId, out var own))
            {
                try
                {
                    own.process.StandardInput.Close();
                }
                catch (Exception exception) when (exception is IOException or InvalidOperationException)
                {
                    // Already closed.
                }
            }

            if (!OperatingSystem.IsWindows())
            {
                _ = Terminate(processId, 15);
            }

            using var timer = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timer.CancelAfter(grace);
            try
            {
                await process.WaitForExitAsync(timer.Token).ConfigureAwait(false);
                return true;
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                process.Kill(entireProcessTree: true);
                await process.WaitForExitAsync(CancellationToken.None).ConfigureAwait(false);
                return false;
            }
        }
        catch (InvalidOperationException)
        {
            return true; // exited meanwhile
        }
        finally
        {
            Started.TryRemove(processId, out _);
        }
    }

    private void Kill()
    {
        try
        {
            process.Kill(entireProcessTree: true);
        }
        catch (InvalidOperationException)
        {
            // Already exited.
        }

        Started.TryRemove(process.Id, out _);
    }

    private void OnOutput(string? line)
    {
        if (line is not null && line.StartsWith(ReadyPrefix, StringComparison.Ordinal))
        {
            ready.TrySetResult(line[ReadyPrefix.Length..]);
            return;
        }

        Keep(line);
    }

    private void Keep(string? line)
    {
        if (string.IsNullOrEmpty(line))
        {
            return;
        }

        lastLines.Enqueue(line);
        while (lastLines.Count > KeptLines && lastLines.TryDequeue(out _))
        {
        }
    }

    [DllImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static extern int Terminate(int pid, int signal);
}

/// <summary>The sandbox program did not get ready: it exited, timed out, or printed something unexpected.</summary>
internal sealed class SandboxStartException(string message, string output, bool timedOut, int? exitCode) : Exception(message)
{
    /// <summary>The program's exit codes the module tells apart (the program's --help lists them).</summary>
    public const int DataDirectoryInUse = 3;
    public const int DataDirectoryNotWritable = 5;

    /// <summary>The program's last output lines.</summary>
    public string Output { get; } = output;

    public bool TimedOut { get; } = timedOut;

    /// <summary>The program's exit code, when it exited.</summary>
    public int? ExitCode { get; } = exitCode;
}
