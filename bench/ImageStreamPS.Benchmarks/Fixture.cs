namespace ImageStreamPS.Benchmarks;

/// <summary>Captured OpenShift output, shared with the engine's tests.</summary>
internal static class Fixture
{
    public static string Read(string name) => File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Fixtures", name));
}
