using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.Transforms.Onnx;
using ModelAudit.Imaging;

namespace ModelAudit.Models;

/// <summary>
/// The model as an ML.NET pipeline: the image tensor (made by the <see cref="InputSpec"/>) goes through
/// <c>ApplyOnnxModel</c>, as a production ML.NET service would score it. Row-at-a-time and slower than the audit
/// engine; it is the reference the engine is checked against, and an <see cref="ITransformer"/> users can keep.
/// </summary>
public sealed class ReferencePipeline : IDisposable
{
    private readonly AuditModel _model;
    private readonly SchemaDefinition _inputSchema;
    private readonly SchemaDefinition _outputSchema;
    private readonly PredictionEngine<TensorRow, ScoreRow> _engine;
    private readonly string? _tempModel;
    private readonly object _gate = new();

    internal ReferencePipeline(AuditModel model)
    {
        _model = model;
        if (model.Input.Shape[0] is { IsDynamic: false, Value: > 1 and var batch })
        {
            // OnnxTransformer feeds one row per run, which such a model refuses.
            throw new InvalidModelException(
                $"'{model.Source}' takes exactly {batch} images per run (input {model.Input}), and ML.NET's ApplyOnnxModel scores one row at a time, so it has no reference pipeline. " +
                "Audits run it in padded batches of that size; for a reference pipeline, re-export it with a dynamic batch axis (torch.onnx.export(..., dynamic_axes={...: {0: \"N\"}})) or with batch 1.");
        }

        Context = new MLContext(seed: 0);
        var path = model.Source;
        if (!File.Exists(path))
        {
            // ML.NET reads models from files; a model given as bytes is written out once for it.
            _tempModel = Path.Combine(Path.GetTempPath(), $"modelaudit-{model.Sha256}-{Guid.NewGuid():N}.onnx");
            File.WriteAllBytes(_tempModel, model.Serialize());
            path = _tempModel;
        }

        var spec = model.Spec;
        _inputSchema = SchemaDefinition.Create(typeof(TensorRow));
        _inputSchema[0].ColumnName = model.Input.Name;
        _inputSchema[0].ColumnType = new VectorDataViewType(NumberDataViewType.Single, spec.TensorLength);
        _outputSchema = SchemaDefinition.Create(typeof(ScoreRow), SchemaDefinition.Direction.Read);
        _outputSchema[0].ColumnName = model.Output.Name;
        _outputSchema[0].ColumnType = new VectorDataViewType(NumberDataViewType.Single, model.ClassCount);

        var options = new OnnxOptions
        {
            ModelFile = path,
            InputColumns = [model.Input.Name],
            OutputColumns = [model.Output.Name],
            ShapeDictionary = new Dictionary<string, int[]> { [model.Input.Name] = [1, spec.ChannelCount, spec.Height, spec.Width] },
            GpuDeviceId = model.Options.GpuDeviceId,
            FallbackToCpu = model.Options.FallbackToCpu,
            IntraOpNumThreads = model.Options.Threads,
        };
        var empty = Context.Data.LoadFromEnumerable(Array.Empty<TensorRow>(), _inputSchema);
        Transformer = Context.Transforms.ApplyOnnxModel(options).Fit(empty);
        _engine = Context.Model.CreatePredictionEngine<TensorRow, ScoreRow>(Transformer, inputSchemaDefinition: _inputSchema, outputSchemaDefinition: _outputSchema);
    }

    public MLContext Context { get; }

    /// <summary>The fitted pipeline; its input column is the model's input name, a vector of C·H·W floats.</summary>
    public ITransformer Transformer { get; }

    /// <summary>Class probabilities for one image through ML.NET's <see cref="PredictionEngine{TSrc,TDst}"/>.</summary>
    public float[] Score(RgbImage image) => ScoreTensor(_model.Spec.ToTensor(image));

    /// <summary>Class probabilities for one input tensor (C·H·W floats, as the spec lays them out).</summary>
    public float[] ScoreTensor(float[] tensor)
    {
        ScoreRow row;
        lock (_gate)
        {
            row = _engine.Predict(new TensorRow { Input = tensor });
        }

        return _model.OutputsProbabilities ? row.Output : AuditModel.Softmax(row.Output);
    }

    /// <summary>Class probabilities for many images through <c>ITransformer.Transform</c> over an <see cref="IDataView"/>.</summary>
    public IReadOnlyList<float[]> Transform(IEnumerable<RgbImage> images)
    {
        var rows = images.Select(i => new TensorRow { Input = _model.Spec.ToTensor(i) }).ToArray();
        var scored = Transformer.Transform(Context.Data.LoadFromEnumerable(rows, _inputSchema));
        return Context.Data.CreateEnumerable<ScoreRow>(scored, reuseRowObject: false, schemaDefinition: _outputSchema)
            .Select(r => _model.OutputsProbabilities ? r.Output : AuditModel.Softmax(r.Output))
            .ToArray();
    }

    public void Dispose()
    {
        _engine.Dispose();
        (Transformer as IDisposable)?.Dispose();
        if (_tempModel is not null && File.Exists(_tempModel))
        {
            File.Delete(_tempModel);
        }
    }

    internal sealed class TensorRow
    {
        public float[] Input { get; set; } = [];
    }

    internal sealed class ScoreRow
    {
        public float[] Output { get; set; } = [];
    }
}
