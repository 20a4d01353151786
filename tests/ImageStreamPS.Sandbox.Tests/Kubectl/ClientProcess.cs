using System.Diagnostics;

namespace ImageStreamPS.Sandbox.Tests.Kubectl;

/// <summary>Runs a real client program (kubectl, python3, node) to completion, bounded, and returns what it printed.</summary>
public static class ClientProcess
{
    public static ProcessStartInfo StartInfo(string file, IEnumerable<string> args)
    {
        var info = new ProcessStartInfo(file)
        {
            RedirectStandardOutput = true, RedirectStandardError = true, RedirectStandardInput = true, UseShellExecute = false,
        };
        foreach (var arg in args) info.ArgumentList.Add(arg);
        return info;
    }

    /// <summary>Exit code and output; a program still running after <paramref name="limit"/> is killed and the test fails.</summary>
    public static async Task<(int ExitCode, string Out, string Err)> Run(ProcessStartInfo info, TimeSpan limit)
    {
        using var process = Process.Start(info)!;
        process.StandardInput.Close();
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(limit);
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
            throw new TimeoutException($"{info.FileName} {string.Join(' ', info.ArgumentList)} did not finish in {limit.TotalSeconds} s: {await stdout} {await stderr}");
        }
        return (process.ExitCode, await stdout, await stderr);
    }
}
