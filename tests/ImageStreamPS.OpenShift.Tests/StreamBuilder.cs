using ImageStreamPS.OpenShift.Api;
using k8s.Models;

namespace ImageStreamPS.OpenShift.Tests;

/// <summary>Builds image streams the way the server would have written them, relative to a fixed "now".</summary>
internal sealed class StreamBuilder
{
    public static readonly DateTime Now = new(2024, 2, 20, 12, 0, 0, DateTimeKind.Utc);

    private readonly ImageStream stream;

    public StreamBuilder(string name, string ns = "NS")
    {
        stream = new ImageStream { Metadata = new V1ObjectMeta { Name = name, NamespaceProperty = ns } };
        stream.Status.DockerImageRepository = $"image-registry.openshift-image-registry.svc:5000/{ns}/{name}";
    }

    public StreamBuilder Created(TimeSpan ago) { stream.Metadata.CreationTimestamp = Now - ago; return this; }

    public StreamBuilder Annotation(string key, string value)
    {
        stream.Metadata.Annotations ??= new Dictionary<string, string>();
        stream.Metadata.Annotations[key] = value;
        return this;
    }

    public StreamBuilder Public(string repository) { stream.Status.PublicDockerImageRepository = repository; return this; }

    public StreamBuilder Spec(string tag, string kind, string name, long generation, Action<TagReference>? edit = null)
    {
        var spec = new TagReference
        {
            Name = tag,
            From = new ObjectReference(kind, name),
            Generation = generation,
            ImportPolicy = { ImportMode = ImportMode.Legacy },
            ReferencePolicy = { Type = TagReferencePolicyType.Source },
        };
        edit?.Invoke(spec);
        (stream.Spec.Tags ??= new List<TagReference>()).Add(spec);
        return this;
    }

    /// <summary>Adds a history item; items added later are older (the list is newest first).</summary>
    public StreamBuilder Item(string tag, string reference, string image, TimeSpan ago, long generation = 1)
    {
        var status = stream.FindStatusTag(tag);
        if (status is null)
        {
            status = new NamedTagEventList { Tag = tag, Items = new List<TagEvent>() };
            (stream.Status.Tags ??= new List<NamedTagEventList>()).Add(status);
        }
        (status.Items ??= new List<TagEvent>()).Add(new TagEvent { Created = Now - ago, DockerImageReference = reference, Image = image, Generation = generation });
        return this;
    }

    public StreamBuilder Failure(string tag, string reason, string message, TimeSpan ago, long generation)
    {
        var status = stream.FindStatusTag(tag);
        if (status is null)
        {
            status = new NamedTagEventList { Tag = tag };
            (stream.Status.Tags ??= new List<NamedTagEventList>()).Add(status);
        }
        (status.Conditions ??= new List<TagEventCondition>()).Add(new TagEventCondition
        {
            Type = TagEventCondition.ImportSuccess, Status = "False", Reason = reason, Message = message,
            LastTransitionTime = Now - ago, Generation = generation,
        });
        return this;
    }

    public ImageStream Build() => stream;
}

/// <summary>A clock stopped at <see cref="StreamBuilder.Now"/>.</summary>
internal sealed class FixedClock(DateTime now) : TimeProvider
{
    public static readonly FixedClock AtNow = new(StreamBuilder.Now);
    public override DateTimeOffset GetUtcNow() => new(now, TimeSpan.Zero);
}
