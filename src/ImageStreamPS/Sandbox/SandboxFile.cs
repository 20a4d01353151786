using System.Diagnostics;
using System.Text.Json;

namespace ImageStreamPS.Sandbox;

/// <summary>
/// The <c>sandbox.json</c> a running sandbox keeps in its data folder (deleted on clean shutdown),
/// and the default data folder, both as the sandbox program defines them.
/// </summary>
internal static class SandboxFile
{
    public const string FileName = "sandbox.json";

    /// <summary><c>&lt;LocalApplicationData&gt;/ImageStreamPS/sandbox</c>, the sandbox program's default <c>--data</c>.</summary>
    public static string DefaultDataPath =>
        Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.LocalApplicationData, Environment.SpecialFolderOption.DoNotVerify), "ImageStreamPS", "sandbox");

    /// <summary>Parses the <c>SANDBOX READY</c> JSON (same shape as sandbox.json).</summary>
    public static OpenShiftSandbox Parse(string json)
    {
        using var document = JsonDocument.Parse(json);
        var root = document.RootElement;
        string Text(string name) => root.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String
            ? value.GetString()!
            : throw new FormatException($"The sandbox description has no '{name}'.");
        var processId = root.TryGetProperty("processId", out var pid) && pid.TryGetInt32(out var n) ? n : throw new FormatException("The sandbox description has no 'processId'.");
        return new OpenShiftSandbox(new Uri(Text("server")), Text("kubeConfigPath"), Text("registryEndpoint"), Text("dataPath"), processId);
    }

    /// <summary>The sandbox running with data in <paramref name="dataPath"/>, or null (no file, or its process is gone).</summary>
    public static OpenShiftSandbox? Read(string dataPath)
    {
        var path = Path.Combine(dataPath, FileName);
        if (!File.Exists(path))
        {
            return null;
        }

        OpenShiftSandbox sandbox;
        try
        {
            sandbox = Parse(File.ReadAllText(path));
        }
        catch (Exception exception) when (exception is IOException or JsonException or FormatException or UriFormatException)
        {
            return null;
        }

        return IsAlive(sandbox.ProcessId, File.GetLastWriteTimeUtc(path)) ? sandbox : null;
    }

    /// <summary>A live process with that id that started before the file was written (so not a reused id).</summary>
    private static bool IsAlive(int processId, DateTime writtenUtc)
    {
        try
        {
            using var process = Process.GetProcessById(processId);
            return !process.HasExited && process.StartTime.ToUniversalTime() <= writtenUtc.AddSeconds(2);
        }
        catch (Exception exception) when (exception is ArgumentException or InvalidOperationException or System.ComponentModel.Win32Exception or NotSupportedException)
        {
            return false;
        }
    }
}
