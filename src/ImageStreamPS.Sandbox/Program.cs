using ImageStreamPS.Sandbox.Hosting;
using ImageStreamPS.Sandbox.Storage;

// The sandbox program: parse the command line, start, print one SANDBOX READY line, run until
// SIGTERM/SIGINT (or stdin closes with --exit-with-parent), then stop cleanly.
CommandLine options;
try
{
    options = CommandLine.Parse(args);
}
catch (ArgumentException e)
{
    Console.Error.WriteLine($"ImageStreamPS.Sandbox: {e.Message}");
    Console.Error.WriteLine("Run with --help for usage.");
    return 2;
}
if (options.Help)
{
    Console.WriteLine(CommandLine.Usage);
    return 0;
}
if (options.ExitWithParent) ParentProcessLink.LeaveTerminalSession();
NewFiles.OwnerOnly();

SandboxHost host;
try
{
    host = await SandboxHost.StartAsync(options);
}
catch (DataDirectoryInUseException e)
{
    Console.Error.WriteLine($"ImageStreamPS.Sandbox: {e.Message}");
    return 3;
}
catch (DataDirectoryNotWritableException e)
{
    Console.Error.WriteLine($"ImageStreamPS.Sandbox: {e.Message}");
    return 5;
}
catch (IOException e) when (e.InnerException is System.Net.Sockets.SocketException || e.Message.Contains("address", StringComparison.OrdinalIgnoreCase))
{
    Console.Error.WriteLine($"ImageStreamPS.Sandbox: cannot listen on 127.0.0.1:{options.Port}: {e.Message}");
    return 4;
}
catch (Exception e) when (StorageFailureException.From(e.GetBaseException(), options.DataPath) is { } failure)
{
    // A full (or read-only) data folder met by the store, the certificates or the registry as they open.
    Console.Error.WriteLine($"ImageStreamPS.Sandbox: cannot use the data directory {options.DataPath}: {failure.Message}");
    return 5;
}
await using var running = host;
Console.Out.WriteLine("SANDBOX READY " + host.ReadyInfo.ToJson());
Console.Out.Flush();

if (options.ExitWithParent) ParentProcessLink.StopWhenInputCloses(host.Lifetime);
await host.WaitForShutdownAsync();
return 0;

public partial class Program;
