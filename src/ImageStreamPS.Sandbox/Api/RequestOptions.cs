namespace ImageStreamPS.Sandbox.Api;

/// <summary>List query: selectors in their URL syntax, paging, and the resourceVersion the client asked for.</summary>
public sealed record ListOptions
{
    public string? LabelSelector { get; init; }
    public string? FieldSelector { get; init; }
    public int? Limit { get; init; }
    public string? Continue { get; init; }
    public string? ResourceVersion { get; init; }
    public static ListOptions None { get; } = new();
}

/// <summary>Options of create/update/patch: <c>dryRun=All</c>, the field manager and the request's <c>fieldValidation</c>.</summary>
public sealed record WriteOptions
{
    public bool DryRun { get; init; }
    public string? FieldManager { get; init; }
    public bool Force { get; init; }
    /// <summary>The server writes for itself (<see cref="Resources.RequestContext.Internal"/>); never set from a request.</summary>
    public bool Internal { get; init; }
    /// <summary>The request's unknown/duplicate field checks (null: none, as for the controllers' own writes).</summary>
    public Schemas.FieldValidation? Fields { get; init; }
    public static WriteOptions None { get; } = new();
    /// <summary>A write the server makes for itself.</summary>
    public static WriteOptions ServerInternal { get; } = new() { Internal = true };
}

/// <summary>DeleteOptions from the body or the query.</summary>
public sealed record DeleteOptions
{
    public bool DryRun { get; init; }
    /// <summary>Background (default), Foreground or Orphan.</summary>
    public string? PropagationPolicy { get; init; }
    public string? PreconditionUid { get; init; }
    public string? PreconditionResourceVersion { get; init; }
    /// <summary>gracePeriodSeconds: null = the kind's default; 0 = remove at once.</summary>
    public long? GracePeriodSeconds { get; init; }
    public static DeleteOptions None { get; } = new();
}

/// <summary>Watch query. ResourceVersion ""/"0"/null = start with ADDED events for the current objects.</summary>
public sealed record WatchOptions
{
    public string? LabelSelector { get; init; }
    public string? FieldSelector { get; init; }
    public string? ResourceVersion { get; init; }
    public static WatchOptions None { get; } = new();
}

/// <summary>The patch media types the server understands.</summary>
public enum PatchType { Json, Merge, StrategicMerge, Apply }
