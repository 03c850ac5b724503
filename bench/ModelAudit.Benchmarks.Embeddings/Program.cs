using System.Diagnostics;
using System.Globalization;
using ModelAudit.Benchmarks.Embeddings;
using ModelAudit.Embeddings;

// t-SNE and silhouette on 10 Gaussian clusters at 512-D: dotnet run -c Release -- [N ...]
var sizes = args.Length > 0 ? args.Select(a => int.Parse(a, CultureInfo.InvariantCulture)).ToArray() : [1_000, 5_000, 10_000];
const int Dimension = 512;
Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{Environment.ProcessorCount} cores, {(System.Runtime.Intrinsics.Vector256.IsHardwareAccelerated ? "AVX2" : "no AVX2")}, .NET {Environment.Version}"));
Console.WriteLine("Wall-clock seconds; cpu_s is process CPU time over the t-SNE run (the machine may be shared).");
Console.WriteLine("N       silhouette_s  tsne_s  cpu_s  method      KL     trust(10)  knn2d  alloc_MB  peak_WS_MB");
foreach (var n in sizes)
{
    var (x, labels) = GaussianClusters.Generate(n, Dimension, 10, seed: 7);
    var allocated = GC.GetTotalAllocatedBytes(precise: true);
    var clock = Stopwatch.StartNew();
    var silhouette = SeparationMetrics.Silhouette(x, Dimension, labels);
    var silhouetteSeconds = clock.Elapsed.TotalSeconds;
    clock.Restart();
    var cpu = Process.GetCurrentProcess().TotalProcessorTime;
    var map = Tsne.Embed(x, Dimension);
    var tsneCpu = (Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalSeconds;
    var tsneSeconds = clock.Elapsed.TotalSeconds;
    var alloc = (GC.GetTotalAllocatedBytes(precise: true) - allocated) / 1e6;
    var trust = SeparationMetrics.Trustworthiness(x, Dimension, map.Points, 2, 10);
    var knn = SeparationMetrics.KnnAccuracy(map.Points, 2, labels, 5);
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"{n,-7} {silhouetteSeconds,12:F3}  {tsneSeconds,6:F2}  {tsneCpu,5:F1}  {(map.BarnesHut ? "barnes-hut" : "exact"),-10}  {map.KlDivergence,5:F3}  {trust,9:F4}  {knn,5:F3}  {alloc,8:F0}  {Process.GetCurrentProcess().PeakWorkingSet64 / 1e6,10:F0}   (silhouette {silhouette:F3})"));
}
