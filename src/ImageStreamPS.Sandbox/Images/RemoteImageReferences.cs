using ImageStreamPS.OpenShift.Images;

namespace ImageStreamPS.Sandbox.Images;

/// <summary>Turns a parsed pull spec (the engine's grammar) into what the importer fetches.</summary>
internal static class RemoteImageReferences
{
    public static RemoteImageReference From(DockerImageReference parsed)
    {
        var defaults = parsed.DockerClientDefaults();
        var path = defaults.Namespace.Length > 0 ? defaults.Namespace + "/" + defaults.Name : defaults.Name;
        var written = parsed.AsRepository().Exact();
        return parsed.ID.Length > 0
            ? new RemoteImageReference(defaults.Registry, path, null, parsed.ID, written)
            : new RemoteImageReference(defaults.Registry, path, defaults.Tag, null, written);
    }
}
