namespace ImageStreamPS.Sandbox.Storage;

/// <summary>
/// Where an object lives in the store: API group ("" for core), plural resource, namespace ("" for
/// cluster-scoped kinds) and name. Versions are not part of the key: each group serves one version.
/// </summary>
public readonly record struct ObjectKey(string Group, string Resource, string Namespace, string Name)
{
    public override string ToString() =>
        $"{(Group.Length == 0 ? Resource : Resource + "." + Group)} {(Namespace.Length == 0 ? "" : Namespace + "/")}{Name}";
}
