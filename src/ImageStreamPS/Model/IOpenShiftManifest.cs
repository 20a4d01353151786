using System.Text.Json.Nodes;

namespace ImageStreamPS.Model;

/// <summary>
/// An output object that can be written back as the manifest OpenShift would return for it
/// (<c>ConvertTo-OpenShiftYaml</c>). Output types of every cmdlet implement it.
/// </summary>
public interface IOpenShiftManifest
{
    /// <summary>The object in wire shape (what <c>oc get -o json</c> prints).</summary>
    JsonObject ToManifest();
}
