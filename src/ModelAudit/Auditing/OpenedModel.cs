using System.Globalization;
using Microsoft.ML;
using ModelAudit.Datasets;
using ModelAudit.Models;
using ModelAudit.Pipelines;

namespace ModelAudit.Auditing;

/// <summary>
/// The model a config names, opened for one run: an ONNX file with the config's input spec, or the pipeline of a saved
/// ML.NET model, whose spec is checked against the pipeline on the run's first images before any audit.
/// </summary>
internal sealed class OpenedModel : IDisposable
{
    /// <summary>Images the start-of-run check scores through the ML.NET pipeline and the engine.</summary>
    public const int PipelineCheckImages = 4;

    private readonly ITransformer? _pipeline;

    private OpenedModel(AuditModel model, string name, ITransformer? pipeline)
    {
        Model = model;
        Name = name;
        _pipeline = pipeline;
    }

    public AuditModel Model { get; }

    /// <summary>The name reports give the model: the ONNX file's, or the ML.NET model's file name.</summary>
    public string Name { get; }

    public static OpenedModel Open(AuditConfig config, IReadOnlyList<LabeledImage> images, int threads)
    {
        var engine = (config.Engine ?? new EngineConfig()).Options(threads);
        var path = config.Resolve(config.Model);
        if (!config.IsPipeline)
        {
            var model = AuditModel.Load(path, AuditRunner.SpecOf(config.Input!), engine);
            return new OpenedModel(model, model.Name, pipeline: null);
        }

        var ml = new MLContext(seed: 0);
        ITransformer pipeline;
        try
        {
            pipeline = ml.Model.Load(path, out _);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            throw new AuditConfigException($"model: '{config.Model}' is not an ML.NET model ML.NET can load ({ex.Message.Trim()}); save it with mlContext.Model.Save.", ex) { Key = "model" };
        }

        try
        {
            var check = images.Take(PipelineCheckImages).Select(i => i.Image).ToArray();
            var model = AuditModel.FromPipeline(ml, pipeline, new PipelineOptions { Images = check.Length > 0 ? check : null, Engine = engine });
            return new OpenedModel(model, Path.GetFileName(path), pipeline);
        }
        catch (PipelineException ex)
        {
            (pipeline as IDisposable)?.Dispose();
            throw new AuditConfigException($"model: '{config.Model}': {ex.Message}", ex) { Key = "model" };
        }
    }

    /// <summary>What the run ran on, for the report's provenance.</summary>
    public IReadOnlyDictionary<string, string> Runtime()
    {
        var runtime = new SortedDictionary<string, string>(StringComparer.Ordinal)
        {
            ["engine.execution_provider"] = Model.ExecutionProvider,
            ["engine.onnxruntime"] = AuditModel.OnnxRuntimeVersion,
            ["engine.mlnet"] = PipelineReader.MlNetVersion,
        };
        if (Model.Pipeline is { } p)
        {
            runtime["pipeline.transforms"] = string.Join(" -> ", p.Transforms);
            runtime["pipeline.agreement"] = p.Agreement.ToString();
            if (p.Ignored.Count > 0)
            {
                runtime["pipeline.ignored"] = string.Join("; ", p.Ignored);
            }
        }

        return runtime;
    }

    public void Dispose()
    {
        Model.Dispose();
        (_pipeline as IDisposable)?.Dispose();
    }
}
