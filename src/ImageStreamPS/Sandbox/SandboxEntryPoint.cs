using System.ComponentModel;
using System.Reflection;
using System.Runtime.ExceptionServices;
using System.Runtime.Loader;
using ImageStreamPS.Hosting;

namespace ImageStreamPS.Sandbox;

/// <summary>
/// The sandbox program's start inside the child pwsh that hosts it (<see cref="ChildPwsh"/>); not
/// for scripts. The program and its dependencies load in an AssemblyLoadContext of their own, so
/// neither PowerShell's assemblies nor the module's can clash with them.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class SandboxEntryPoint
{
    /// <summary>Runs the sandbox program with <paramref name="arguments"/> until it stops; returns its exit code.</summary>
    public static int Run(string sandboxFolder, string frameworkFolder, string[] arguments)
    {
        var program = Path.Combine(sandboxFolder, "ImageStreamPS.Sandbox.dll");
        var entryPoint = new SandboxLoadContext(program, frameworkFolder)
                .LoadFromAssemblyPath(DependencyLoadContext.PrecompiledIn(sandboxFolder, "ImageStreamPS.Sandbox") ?? program).EntryPoint
            ?? throw new InvalidOperationException($"{program} has no entry point.");
        try
        {
            return entryPoint.Invoke(null, [arguments]) is int exitCode ? exitCode : 0;
        }
        catch (TargetInvocationException exception) when (exception.InnerException is not null)
        {
            ExceptionDispatchInfo.Throw(exception.InnerException);
            throw;
        }
    }

    /// <summary>
    /// The program's own assemblies and native libraries as its deps.json lists them, then ASP.NET Core
    /// from the module's copy for this runtime (or the installed one); the runtime's own assemblies from
    /// the default context. Of the program's and the module's ASP.NET Core, the copy the build precompiled
    /// for this platform and runtime is loaded where there is one, as the module's
    /// <see cref="DependencyLoadContext"/> does (#18).
    /// </summary>
    private sealed class SandboxLoadContext(string program, string frameworkFolder) : AssemblyLoadContext("ImageStreamPS.Sandbox")
    {
        private readonly AssemblyDependencyResolver resolver = new(program);

        protected override Assembly? Load(AssemblyName assemblyName)
        {
            if (resolver.ResolveAssemblyToPath(assemblyName) is { } own)
            {
                return LoadFromAssemblyPath(DependencyLoadContext.PrecompiledIn(Path.GetDirectoryName(own)!, assemblyName.Name) ?? own);
            }

            var framework = DependencyLoadContext.PrecompiledIn(frameworkFolder, assemblyName.Name) ?? Path.Combine(frameworkFolder, assemblyName.Name + ".dll");
            return File.Exists(framework) ? LoadFromAssemblyPath(framework) : null;
        }

        protected override IntPtr LoadUnmanagedDll(string unmanagedDllName) =>
            resolver.ResolveUnmanagedDllToPath(unmanagedDllName) is { } path ? LoadUnmanagedDllFromPath(path) : IntPtr.Zero;
    }
}
