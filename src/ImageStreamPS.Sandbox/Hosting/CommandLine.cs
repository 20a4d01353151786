using ImageStreamPS.OpenShift.LocalSandbox;

namespace ImageStreamPS.Sandbox.Hosting;

/// <summary>The sandbox program's command line (the contract the module's Start-OpenShiftSandbox uses).</summary>
public sealed record CommandLine
{
    public string DataPath { get; init; } = SandboxLocations.DefaultDataPath;
    public int Port { get; init; }
    public string? KubeConfigPath { get; init; }
    public string? Seed { get; init; }
    public Dictionary<string, string> Mirrors { get; init; } = new(StringComparer.OrdinalIgnoreCase);
    public string AppsDomain { get; init; } = "apps.sandbox.localhost";
    public int PodStartDelayMilliseconds { get; init; }
    public int ImportIntervalSeconds { get; init; } = 900;
    public bool ExitWithParent { get; init; }
    public string? RunningListPath { get; init; }
    public bool Help { get; init; }

    public const string Usage = """
        ImageStreamPS.Sandbox — a local OpenShift-compatible API server (HTTPS on 127.0.0.1).

        Usage: dotnet ImageStreamPS.Sandbox.dll [options]
          --data <dir>                 data directory (default: <LocalApplicationData>/ImageStreamPS/sandbox)
          --port <n>                   API port on 127.0.0.1; 0 picks a free port (default 0)
          --kubeconfig <path>          where to write the sandbox's kubeconfig (default <data>/kubeconfig)
          --seed Tutorial              push the tutorial images into the integrated registry
          --mirror <registry>=<host:port>  serve a registry from a mirror (repeatable)
          --apps-domain <domain>       route host domain (default apps.sandbox.localhost)
          --pod-start-delay <ms>       simulated pod start time (default 0)
          --import-interval <seconds>  scheduled image import interval (default 900)
          --running-list <dir>         list this sandbox in <dir> while it runs (the module passes the
                                       user's list, <LocalApplicationData>/ImageStreamPS/running)
          --exit-with-parent           exit when standard input is closed (the parent exited), and
                                       leave the terminal's session so its Ctrl+C does not stop it
          --help                       show this help

        Exit codes: 0 stopped cleanly, 2 bad arguments, 3 data directory in use by another sandbox,
        4 port unavailable, 5 data directory not writable (read-only, no permission).
        The data directory is made owner-only (mode 0700; on Windows an access list for the user alone).
        When ready it prints one line: SANDBOX READY {json} and writes the same JSON to <data>/sandbox.json.
        """;

    /// <summary>Parses the arguments; throws <see cref="ArgumentException"/> with a user-facing message.</summary>
    public static CommandLine Parse(IReadOnlyList<string> args)
    {
        var result = new CommandLine();
        for (var i = 0; i < args.Count; i++)
        {
            var arg = args[i];
            string Next() => i + 1 < args.Count ? args[++i] : throw new ArgumentException($"{arg} needs a value");
            int NextInt() => int.TryParse(Next(), out var n) && n >= 0 ? n : throw new ArgumentException($"{arg} needs a non-negative integer");
            switch (arg)
            {
                case "--data": result = result with { DataPath = Path.GetFullPath(Next()) }; break;
                case "--port": result = result with { Port = NextInt() }; break;
                case "--kubeconfig": result = result with { KubeConfigPath = Path.GetFullPath(Next()) }; break;
                case "--seed":
                    var seed = Next();
                    if (!seed.Equals("Tutorial", StringComparison.OrdinalIgnoreCase)) throw new ArgumentException($"unknown seed '{seed}' (known: Tutorial)");
                    result = result with { Seed = "Tutorial" };
                    break;
                case "--mirror":
                    var mirror = Next();
                    var eq = mirror.IndexOf('=');
                    if (eq <= 0 || eq == mirror.Length - 1) throw new ArgumentException("--mirror needs <registry>=<host:port>");
                    result.Mirrors[mirror[..eq]] = mirror[(eq + 1)..];
                    break;
                case "--apps-domain": result = result with { AppsDomain = Next() }; break;
                case "--pod-start-delay": result = result with { PodStartDelayMilliseconds = NextInt() }; break;
                case "--import-interval": result = result with { ImportIntervalSeconds = NextInt() }; break;
                case "--running-list": result = result with { RunningListPath = Path.GetFullPath(Next()) }; break;
                case "--exit-with-parent": result = result with { ExitWithParent = true }; break;
                case "--help" or "-h" or "-?": result = result with { Help = true }; break;
                default: throw new ArgumentException($"unknown option '{arg}'");
            }
        }
        if (result.Port > 65535) throw new ArgumentException("--port must be at most 65535");
        return result;
    }

    public SandboxSettings ToSettings() => new()
    {
        DataPath = DataPath,
        AppsDomain = AppsDomain,
        Mirrors = new Dictionary<string, string>(Mirrors, StringComparer.OrdinalIgnoreCase),
        PodStartDelay = TimeSpan.FromMilliseconds(PodStartDelayMilliseconds),
        ImportInterval = TimeSpan.FromSeconds(ImportIntervalSeconds),
        Seed = Seed,
    };
}
