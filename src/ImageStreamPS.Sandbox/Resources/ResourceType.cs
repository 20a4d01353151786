namespace ImageStreamPS.Sandbox.Resources;

/// <summary>
/// What discovery, URLs and error messages say about a resource: group/version, plural, kind, scope,
/// names, verbs and subresources. One per strategy or virtual resource.
/// Example: <c>new ResourceType { Group = "apps", Version = "v1", Resource = "deployments", Kind = "Deployment",
/// Namespaced = true, ShortNames = ["deploy"], Categories = ["all"], Subresources = [SubresourceType.Status("Deployment"), SubresourceType.Scale] }</c>.
/// </summary>
public sealed record ResourceType
{
    public required string Group { get; init; }
    public required string Version { get; init; }
    /// <summary>Plural, lower case: the URL segment (<c>imagestreams</c>).</summary>
    public required string Resource { get; init; }
    public required string Kind { get; init; }
    public required bool Namespaced { get; init; }

    private string? _listKind, _singular;
    public string ListKind { get => _listKind ?? Kind + "List"; init => _listKind = value; }
    public string Singular { get => _singular ?? Kind.ToLowerInvariant(); init => _singular = value; }
    public IReadOnlyList<string> ShortNames { get; init; } = [];
    public IReadOnlyList<string> Categories { get; init; } = [];
    public IReadOnlyList<string> Verbs { get; init; } = ResourceVerbs.All;
    public IReadOnlyList<SubresourceType> Subresources { get; init; } = [];

    /// <summary><c>apps/v1</c>, or <c>v1</c> for the core group.</summary>
    public string ApiVersion => Group.Length == 0 ? Version : Group + "/" + Version;
    /// <summary><c>deployments.apps</c> (core: <c>pods</c>), as NotFound/Conflict messages spell it.</summary>
    public string GroupResource => Group.Length == 0 ? Resource : Resource + "." + Group;
    /// <summary><c>Deployment.apps</c> (core: <c>Pod</c>), as Invalid messages spell it.</summary>
    public string GroupKind => Group.Length == 0 ? Kind : Kind + "." + Group;

    public bool Supports(string verb) => Verbs.Contains(verb);
    public SubresourceType? Subresource(string name) => Subresources.FirstOrDefault(s => s.Name == name);
}

/// <summary>A subresource entry (<c>deployments/scale</c>); Group/Version set only when they differ (Scale is autoscaling/v1).</summary>
public sealed record SubresourceType(string Name, string Kind, IReadOnlyList<string> Verbs, string? Group = null, string? Version = null)
{
    public static SubresourceType Status(string kind) => new("status", kind, ["get", "patch", "update"]);
    public static SubresourceType Scale { get; } = new("scale", "Scale", ["get", "patch", "update"], "autoscaling", "v1");
}

/// <summary>Verb lists as discovery spells them.</summary>
public static class ResourceVerbs
{
    public static readonly IReadOnlyList<string> All = ["create", "delete", "deletecollection", "get", "list", "patch", "update", "watch"];
    public static readonly IReadOnlyList<string> AllButDeleteCollection = ["create", "delete", "get", "list", "patch", "update", "watch"];
}

/// <summary>A server-side Table column (<c>meta.k8s.io/v1</c>). Priority 1 = shown only with <c>-o wide</c>.</summary>
public sealed record TableColumn(string Name, string Type, string Description, int Priority = 0, string Format = "")
{
    public static TableColumn NameColumn { get; } = new("Name", "string", "Name must be unique within a namespace.", 0, "name");
    public static TableColumn Age { get; } = new("Age", "string", "CreationTimestamp is a timestamp representing the server time when this object was created.");
}
