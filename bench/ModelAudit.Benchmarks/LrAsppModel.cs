namespace ModelAudit.Benchmarks;

/// <summary>torchvision's LR-ASPP MobileNetV3-Large at 1024², random weights, batch fixed at one: kept in the model cache, made by a script when missing.</summary>
internal static class LrAsppModel
{
    public static string Path { get; } = System.IO.Path.Combine(
        Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".cache", "modelaudit", "models", "lraspp-1024-random.onnx");

    public static string EnsureExists() => ResNet18Model.EnsureExists(Path, "make_lraspp.py");
}
