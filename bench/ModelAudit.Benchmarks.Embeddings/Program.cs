using System.Globalization;
using ModelAudit.Benchmarks.Embeddings;
using ModelAudit.Embeddings;

// t-SNE and silhouette on 10 Gaussian clusters at 512-D: dotnet run -c Release -- [N ...]
var sizes = args.Length > 0 ? args.Select(a => int.Parse(a, CultureInfo.InvariantCulture)).ToArray() : [1_000, 5_000, 10_000];
const int Dimension = 512;
var inv = CultureInfo.InvariantCulture;
Console.WriteLine(string.Create(inv, $"{Environment.ProcessorCount} cores, AVX-512 {System.Runtime.Intrinsics.Vector512.IsHardwareAccelerated}, .NET {Environment.Version}, load average {Measured.LoadAverage()}"));
Console.WriteLine("Seconds wall (cpu = process CPU time, the work when the machine is shared); trust(10) exact; knn2d = 5-NN accuracy in the map.");
Console.WriteLine("N       silhouette  (cpu)   tsne_s  (cpu)  method  KL     trust(10)  knn2d  peak_WS_MB  load");
foreach (var n in sizes)
{
    var (x, labels) = GaussianClusters.Generate(n, Dimension, 10, seed: 7);
    var silhouette = Measured.Run(() => SeparationMetrics.Silhouette(x, Dimension, labels));
    var tsne = Measured.Run(() => Tsne.Embed(x, Dimension));
    var map = tsne.Result;
    var trust = SeparationMetrics.Trustworthiness(x, Dimension, map.Points, 2, 10);
    var knn = SeparationMetrics.KnnAccuracy(map.Points, 2, labels, 5);
    Console.WriteLine(string.Create(inv,
        $"{n,-7} {silhouette.WallSeconds,10:F3}  ({silhouette.CpuSeconds,5:F2})  {tsne.WallSeconds,6:F2}  ({tsne.CpuSeconds,4:F1})  {map.Method,-6}  {map.KlDivergence,5:F3}  {trust,9:F4}  {knn,5:F3}  {Measured.PeakWorkingSetMegabytes(),10:F0}  {Measured.LoadAverage()}   (silhouette {silhouette.Result:F3})"));
}
