using System.CommandLine;
using System.Text;
using ModelAudit.Auditing;
using ModelAudit.Cli.Drafting;

namespace ModelAudit.Cli.Commands;

/// <summary>
/// <c>modelaudit init MODEL [--images DIR] [--out audit.json]</c>: drafts an audit file from what <c>inspect</c>
/// knows, saying in its <c>_notes</c> what it guessed. Exit 0 written, 2 not (the message names the file and the fix).
/// </summary>
internal static class InitCommand
{
    public static Command Create(TextWriter output)
    {
        var model = new Argument<FileInfo>("model") { Description = "The ONNX model file (one float image input, NCHW)." };
        var images = new Option<DirectoryInfo?>("--images") { Description = "The labelled image folder (labels.csv inside) the audits run on. Default: images/ beside the audit file." };
        var outFile = new Option<FileInfo>("--out") { Description = "Where to write the draft.", DefaultValueFactory = _ => new FileInfo("audit.json") };
        var force = new Option<bool>("--force") { Description = "Overwrite the --out file if it exists." };
        var command = new Command("init", "Draft an audit file (audit.json) for a model: input spec, layers, target and starting thresholds, with what was guessed in its _notes.")
        {
            model, images, outFile, force,
        };
        command.SetAction(parse =>
        {
            var path = parse.GetValue(outFile)!.FullName;
            if (File.Exists(path) && !parse.GetValue(force))
            {
                throw new ModelAuditException($"'{path}' already exists; pass --force to overwrite it, or --out to write the draft elsewhere.");
            }

            var modelFile = parse.GetValue(model)!;
            if (!modelFile.Exists)
            {
                throw new ModelAuditException($"Model file '{modelFile.FullName}' does not exist; give the path of the ONNX file to audit.");
            }

            var draft = AuditDraft.For(modelFile.FullName, path, parse.GetValue(images)?.FullName);
            AtomicFile.Write(path, Encoding.UTF8.GetBytes(ConfigJsonText.Write(draft.Config, p => p is "" or "audits" or "_notes")));
            output.WriteLine($"wrote {path}; what it guessed (also in its _notes):");
            foreach (var note in draft.Notes)
            {
                output.WriteLine($"  - {note}");
            }

            output.WriteLine($"next: modelaudit audit --config {Path.GetRelativePath(Environment.CurrentDirectory, path)}   (every key: docs/config.md)");
            return ExitCodes.Success;
        });
        return command;
    }
}
