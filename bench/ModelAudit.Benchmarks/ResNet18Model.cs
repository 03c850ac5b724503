using System.Diagnostics;

namespace ModelAudit.Benchmarks;

/// <summary>The random-weight ResNet-18 ONNX file: kept in the model cache, never in git, made by a script when missing.</summary>
internal static class ResNet18Model
{
    public static string Path { get; } = System.IO.Path.Combine(
        Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".cache", "modelaudit", "models", "resnet18-random.onnx");

    public static string EnsureExists() => EnsureExists(Path, "make_resnet18.py");

    /// <summary>The model at <paramref name="path"/>, written by bench/<paramref name="scriptName"/> first when it is missing.</summary>
    public static string EnsureExists(string path, string scriptName)
    {
        if (File.Exists(path))
        {
            return path;
        }

        var script = FindScript(scriptName);
        using var python = Process.Start(new ProcessStartInfo("/usr/bin/python3", [script, path]) { RedirectStandardError = true })
            ?? throw new InvalidOperationException("Cannot start /usr/bin/python3.");
        var stderr = python.StandardError.ReadToEnd();
        python.WaitForExit();
        if (python.ExitCode != 0 || !File.Exists(path))
        {
            throw new InvalidOperationException($"{script} failed (exit {python.ExitCode}); it needs Debian's python3-torch and python3-torchvision: {stderr.Trim()}");
        }

        return path;
    }

    private static string FindScript(string name)
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = System.IO.Path.Combine(dir.FullName, "bench", name);
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        throw new FileNotFoundException($"bench/{name} not found above '{AppContext.BaseDirectory}'.");
    }
}
