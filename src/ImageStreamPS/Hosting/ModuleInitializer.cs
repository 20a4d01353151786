using System.Management.Automation;
using System.Reflection;
using System.Runtime.Loader;

namespace ImageStreamPS.Hosting;

/// <summary>
/// Sends the engine (and through it KubernetesClient, YamlDotNet, Fractions) to the module's own
/// AssemblyLoadContext, so another module that loaded an older YamlDotNet cannot break this one.
/// Only the engine is resolved from the default context; everything it needs then binds inside
/// <see cref="DependencyLoadContext"/>.
/// </summary>
public sealed class ModuleInitializer : IModuleAssemblyInitializer, IModuleAssemblyCleanup
{
    internal const string EngineAssemblyName = "ImageStreamPS.OpenShift";

    private static readonly string ModuleFolder =
        Path.GetDirectoryName(typeof(ModuleInitializer).Assembly.Location) ?? AppContext.BaseDirectory;

    private static readonly DependencyLoadContext Dependencies =
        new(Path.Combine(ModuleFolder, "dependencies"));

    public void OnImport() => AssemblyLoadContext.Default.Resolving += ResolveEngine;

    public void OnRemove(PSModuleInfo module) => AssemblyLoadContext.Default.Resolving -= ResolveEngine;

    private static Assembly? ResolveEngine(AssemblyLoadContext context, AssemblyName name) =>
        name.Name == EngineAssemblyName ? Dependencies.LoadFromAssemblyName(name) : null;
}
