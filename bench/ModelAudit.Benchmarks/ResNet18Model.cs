using System.Diagnostics;

namespace ModelAudit.Benchmarks;

/// <summary>The random-weight ResNet-18 ONNX file: kept in the model cache, never in git, made by a script when missing.</summary>
internal static class ResNet18Model
{
    public static string Path { get; } = System.IO.Path.Combine(
        Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".cache", "modelaudit", "models", "resnet18-random.onnx");

    public static string EnsureExists()
    {
        if (File.Exists(Path))
        {
            return Path;
        }

        var script = FindScript();
        using var python = Process.Start(new ProcessStartInfo("/usr/bin/python3", [script, Path]) { RedirectStandardError = true })
            ?? throw new InvalidOperationException("Cannot start /usr/bin/python3.");
        var stderr = python.StandardError.ReadToEnd();
        python.WaitForExit();
        if (python.ExitCode != 0 || !File.Exists(Path))
        {
            throw new InvalidOperationException($"{script} failed (exit {python.ExitCode}); it needs Debian's python3-torch: {stderr.Trim()}");
        }

        return Path;
    }

    private static string FindScript()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = System.IO.Path.Combine(dir.FullName, "bench", "make_resnet18.py");
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        throw new FileNotFoundException($"bench/make_resnet18.py not found above '{AppContext.BaseDirectory}'.");
    }
}
