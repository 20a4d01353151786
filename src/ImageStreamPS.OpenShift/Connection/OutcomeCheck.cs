namespace ImageStreamPS.OpenShift.Connection;

/// <summary>
/// For a write whose outcome is unknown, how to look whether it was applied: the read that shows the
/// object the request named (<c>PUT …/namespaces/ns/imagestreamtags/citas:prod</c> → <c>Get-ImageTag ns/citas:prod</c>).
/// </summary>
internal static class OutcomeCheck
{
    public static string For(string? request)
    {
        var path = request?.Split(' ', 2) is [_, var rest] ? rest.Split('?')[0] : "";
        var parts = path.Split('/', StringSplitOptions.RemoveEmptyEntries);
        var at = Array.IndexOf(parts, "namespaces");
        var ns = at >= 0 && at + 1 < parts.Length ? Uri.UnescapeDataString(parts[at + 1]) : null;
        var resource = at >= 0 && at + 2 < parts.Length ? parts[at + 2] : null;
        var name = at >= 0 && at + 3 < parts.Length ? Uri.UnescapeDataString(parts[at + 3]) : null;
        var qualified = name is null ? (ns is null ? "" : $" -Namespace {ns}") : $" {ns}/{name}";
        var check = resource switch
        {
            "imagestreamtags" => $"Get-ImageTag{qualified}",
            "imagestreams" => $"Get-ImageStream{qualified}",
            "imagestreamimports" => $"Get-ImageTag{qualified}",
            "deployments" or "services" => name is null ? $"Get-AppRollout{qualified}" : $"Get-AppRollout {name} -Namespace {ns}",
            _ => null,
        };
        return check is null ? "Check whether it was applied before trying again." : $"Check with {check} before trying again.";
    }
}
