using System.CommandLine;
using ModelAudit.Datasets;

namespace ModelAudit.Cli.Commands;

/// <summary>
/// <c>modelaudit shapes --out DIR</c>: a labelled image folder of the synthetic shapes the bundled models were trained
/// on (PNG images, masks and a <c>labels.csv</c> with boxes), and optionally the clean model, to try audits on before
/// your own model and data are at hand.
/// </summary>
internal static class ShapesCommand
{
    public static Command Create(TextWriter output)
    {
        var outDir = new Option<DirectoryInfo>("--out") { Description = "Folder for labels.csv, images/ and masks/.", Required = true };
        var count = new Option<int>("--count") { Description = "How many images; labels cycle circle, square, triangle, cross.", DefaultValueFactory = _ => 64 };
        var seed = new Option<int>("--seed") { Description = "The same seed always gives the same pixels.", DefaultValueFactory = _ => 1000 };
        var model = new Option<FileInfo?>("--model") { Description = "Also copy the bundled clean shapes classifier (64×64 RGB, mean and std 0.5) to this file." };
        var command = new Command("shapes", "Write generated shapes images with labels, boxes and masks (and optionally the bundled model) to try audits on.")
        {
            outDir, count, seed, model,
        };
        command.SetAction(parse =>
        {
            var folder = parse.GetValue(outDir)!.FullName;
            var n = parse.GetValue(count);
            if (n < 1)
            {
                throw new ModelAuditException($"--count must be at least 1, but {n} was given.");
            }

            ShapeDataset.Write(folder, ShapeDataset.Generate(parse.GetValue(seed), n));
            output.WriteLine($"wrote {n} shapes images with labels.csv to {folder}");
            if (parse.GetValue(model) is { } target)
            {
                Directory.CreateDirectory(target.DirectoryName!);
                File.Copy(Path.Combine(DemoConfigs.ModelsFolder, "shapes-clean.onnx"), target.FullName, overwrite: true);
                output.WriteLine($"copied the clean shapes classifier to {target.FullName}");
            }

            return ExitCodes.Success;
        });
        return command;
    }
}
