using System.Reflection;
using System.Runtime.Loader;

namespace ImageStreamPS.Hosting;

/// <summary>Loads assemblies from the module's <c>dependencies</c> folder, and nothing else.</summary>
internal sealed class DependencyLoadContext(string folder) : AssemblyLoadContext("ImageStreamPS.Dependencies")
{
    protected override Assembly? Load(AssemblyName assemblyName)
    {
        var path = Path.Combine(folder, assemblyName.Name + ".dll");
        // Framework assemblies are not in the folder: returning null defers them to the default context.
        return File.Exists(path) ? LoadFromAssemblyPath(path) : null;
    }
}
