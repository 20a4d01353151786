using System.Text.Json;
using ImageStreamPS.Sandbox;

/// <summary>
/// Starts the sandbox program in the child pwsh before PowerShell itself starts (#18). The child is
/// started with DOTNET_STARTUP_HOOKS naming this assembly, so the .NET runtime calls
/// <see cref="Initialize"/> before pwsh's Main: it runs the program (<see cref="SandboxEntryPoint"/>)
/// and exits with its code, and PowerShell's engine is never loaded (about a second of CPU and
/// 80 MB of memory the sandbox does not need). Where a runtime runs no startup hooks, pwsh goes on
/// and its -Command starts the same program (<see cref="ChildPwsh.StartInfo"/>).
/// A .NET startup hook must be a type named StartupHook outside any namespace.
/// </summary>
internal static class StartupHook
{
    /// <summary>The variable that carries the program's folder, the ASP.NET Core folder and the arguments (a JSON array).</summary>
    public const string ProgramVariable = "IMAGESTREAMPS_SANDBOX_PROGRAM";

    public const string HooksVariable = "DOTNET_STARTUP_HOOKS";

    public static void Initialize()
    {
        var program = Environment.GetEnvironmentVariable(ProgramVariable);
        // Nothing the sandbox starts inherits either.
        Environment.SetEnvironmentVariable(ProgramVariable, null);
        Environment.SetEnvironmentVariable(HooksVariable, null);
        if (string.IsNullOrEmpty(program) || JsonSerializer.Deserialize<string[]>(program) is not [var folder, var framework, .. var arguments])
        {
            return;
        }

        int exitCode;
        try
        {
            exitCode = SandboxEntryPoint.Run(folder, framework, arguments);
        }
        catch (Exception exception)
        {
            Console.Error.WriteLine($"ImageStreamPS.Sandbox: {exception.Message}");
            exitCode = 1;
        }

        Environment.Exit(exitCode);
    }
}
