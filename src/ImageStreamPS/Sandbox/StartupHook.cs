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
        if (string.IsNullOrEmpty(program) || Decode(program) is not [var folder, var framework, .. var arguments])
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

    /// <summary>
    /// The value of <see cref="ProgramVariable"/> for these strings: a JSON array written and read without
    /// the reflection-based serializer, whose first use cost the sandbox's start about 50 ms of CPU (#18).
    /// </summary>
    public static string Encode(IEnumerable<string> values)
    {
        var buffer = new System.Buffers.ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartArray();
            foreach (var value in values)
            {
                writer.WriteStringValue(value);
            }

            writer.WriteEndArray();
        }

        return System.Text.Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    /// <summary>The strings <see cref="Encode"/> wrote; null when <paramref name="json"/> is not an array of strings.</summary>
    public static string[]? Decode(string json)
    {
        try
        {
            using var document = JsonDocument.Parse(json);
            return document.RootElement.ValueKind == JsonValueKind.Array &&
                   document.RootElement.EnumerateArray().All(item => item.ValueKind == JsonValueKind.String)
                ? document.RootElement.EnumerateArray().Select(item => item.GetString()!).ToArray()
                : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
