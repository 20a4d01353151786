using System.Text.Json;
using System.Text.Json.Nodes;

namespace ImageStreamPS.OpenShift.LocalSandbox;

/// <summary>
/// Where a running local sandbox serves, as its <c>SANDBOX READY {json}</c> line, its
/// <c>&lt;data&gt;/sandbox.json</c> and its entry in the list of running sandboxes say: the contract
/// between the sandbox program and the module that starts it.
/// </summary>
public sealed record SandboxDescription(string Server, string KubeConfigPath, string RegistryEndpoint, string DataPath, int ProcessId)
{
    public string ToJson() => new JsonObject
    {
        ["server"] = Server,
        ["kubeConfigPath"] = KubeConfigPath,
        ["registryEndpoint"] = RegistryEndpoint,
        ["dataPath"] = DataPath,
        ["processId"] = ProcessId,
    }.ToJsonString();

    /// <summary>Reads the JSON; throws <see cref="FormatException"/> when it is not a sandbox description.</summary>
    public static SandboxDescription Parse(string json)
    {
        JsonElement root;
        try
        {
            using var document = JsonDocument.Parse(json);
            root = document.RootElement.Clone();
        }
        catch (JsonException exception)
        {
            throw new FormatException($"The sandbox description is not JSON: {exception.Message}", exception);
        }

        if (root.ValueKind != JsonValueKind.Object)
        {
            throw new FormatException("The sandbox description is not a JSON object.");
        }

        string Text(string name) => root.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String && value.GetString() is { Length: > 0 } text
            ? text
            : throw new FormatException($"The sandbox description has no '{name}'.");
        var processId = root.TryGetProperty("processId", out var pid) && pid.ValueKind == JsonValueKind.Number && pid.TryGetInt32(out var n) && n > 0
            ? n
            : throw new FormatException("The sandbox description has no 'processId'.");
        return new SandboxDescription(Text("server"), Text("kubeConfigPath"), Text("registryEndpoint"), Text("dataPath"), processId);
    }
}
