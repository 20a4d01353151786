using BenchmarkDotNet.Running;

// dotnet run -c Release -- --filter '*'   (bench/Invoke-Benchmarks.ps1 passes the options it wants)
BenchmarkSwitcher.FromAssembly(typeof(ImageStreamPS.Benchmarks.ImageStreamJsonBenchmarks).Assembly).Run(args);
