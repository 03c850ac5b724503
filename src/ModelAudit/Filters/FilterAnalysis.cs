using ModelAudit.Models;

namespace ModelAudit.Filters;

/// <summary>
/// The weight-level audit of a convolution (CS231n: trained first-layer filters are smooth and alive): per-filter norm,
/// smoothness against noise and duplicates, with the dead, noisy and near-duplicate filters picked out. Reads weights only.
/// </summary>
public sealed class FilterAnalysis(AuditModel model)
{
    private readonly AuditModel _model = model ?? throw new ArgumentNullException(nameof(model));

    /// <summary>Audits <paramref name="layer"/> (default: the model's first convolution).</summary>
    public FilterReport Compute(ConvLayer? layer = null, FilterOptions? options = null)
    {
        var o = options ?? new FilterOptions();
        o.Validate();
        var conv = layer ?? _model.Graph.FirstConv;
        if (conv.WeightShape.Count != 4)
        {
            throw new InvalidModelException($"'{_model.Source}': Conv '{conv.NodeName}' has weights of shape [{string.Join(",", conv.WeightShape)}]; a constant 2-D kernel [O, I/g, kH, kW] is needed.");
        }

        var weights = _model.Graph.Weight(conv.WeightName).Values.ToArray();
        var readsImage = conv.NodeName == _model.Graph.FirstConv.NodeName;
        return FilterReport.Compute(_model.Name, conv, _model.Spec.Channels, weights, readsImage, o);
    }
}
