namespace ModelAudit.Models;

/// <summary>Checks that a graph takes images ModelAudit can feed, and that the spec fits it.</summary>
internal static class ModelContract
{
    public static TensorInfo ImageInput(ModelGraph graph, InputSpec spec)
    {
        if (graph.Inputs.Count != 1)
        {
            throw new InvalidModelException(
                $"'{graph.Source}' has {graph.Inputs.Count} inputs ({string.Join(", ", graph.Inputs)}); ModelAudit audits models with one image input.");
        }

        var input = graph.Inputs[0];
        if (input.ElementType != "float")
        {
            throw new InvalidModelException($"'{graph.Source}': input {input} is {input.ElementType}; an image input must be float.");
        }

        if (input.Rank != 4)
        {
            throw new InvalidModelException(
                $"'{graph.Source}': input {input} has rank {input.Rank}; an image input is NCHW (rank 4). This model does not take images.");
        }

        var (c, h, w) = (input.Shape[1], input.Shape[2], input.Shape[3]);
        if (!c.IsDynamic && c.Value is not (1 or 3))
        {
            throw new InvalidModelException(
                $"'{graph.Source}': input {input} has {c.Value} channels at axis 1; an NCHW image has 1 or 3. Is the input NHWC or not an image?");
        }

        if (!c.IsDynamic && c.Value != spec.ChannelCount)
        {
            throw new InvalidModelException(
                $"'{graph.Source}': the input spec gives {spec.ChannelCount} channel(s) ({spec.Channels}) but input {input} takes {c.Value}. Fix the spec's channel order.");
        }

        if ((!h.IsDynamic && h.Value != spec.Height) || (!w.IsDynamic && w.Value != spec.Width))
        {
            throw new InvalidModelException(
                $"'{graph.Source}': the input spec gives {spec.Height}x{spec.Width} (HxW) but input {input} takes {h}x{w}. Set the spec's size to the model's.");
        }

        return input;
    }
}
