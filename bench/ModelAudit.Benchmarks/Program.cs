using BenchmarkDotNet.Running;
using ModelAudit.Benchmarks;

// dotnet run -c Release --project bench/ModelAudit.Benchmarks -- --filter '*'
BenchmarkSwitcher.FromAssembly(typeof(BenchConfig).Assembly).Run(args, new BenchConfig());
