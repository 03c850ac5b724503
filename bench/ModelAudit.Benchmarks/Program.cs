using BenchmarkDotNet.Running;
using ModelAudit.Benchmarks;

// dotnet run -c Release --project bench/ModelAudit.Benchmarks -- --filter '*'
// dotnet run -c Release --project bench/ModelAudit.Benchmarks -- memory full|incremental|first-order
// dotnet run -c Release --project bench/ModelAudit.Benchmarks -- memory dense-full|dense-incremental|dense-first-order
if (args is ["memory", var mode])
{
    return PeakMemory.Run(mode);
}

BenchmarkSwitcher.FromAssembly(typeof(BenchConfig).Assembly).Run(args, new BenchConfig());
return 0;
