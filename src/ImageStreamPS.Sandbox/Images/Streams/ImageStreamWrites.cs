namespace ImageStreamPS.Sandbox.Images.Streams;

/// <summary>
/// Marks writes made by the server itself (imports, registry pushes) that may change spec and
/// status in one update, as openshift-apiserver's <c>InternalStrategy</c>; user updates keep the old status.
/// </summary>
internal static class ImageStreamWrites
{
    private static readonly AsyncLocal<bool> InternalWrite = new();

    public static bool IsInternal => InternalWrite.Value;

    /// <summary>Until disposed, image stream updates on this async flow keep the status they carry.</summary>
    public static IDisposable Internal()
    {
        var previous = InternalWrite.Value;
        InternalWrite.Value = true;
        return new Scope(previous);
    }

    private sealed class Scope(bool previous) : IDisposable
    {
        public void Dispose() => InternalWrite.Value = previous;
    }
}
