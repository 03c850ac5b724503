namespace ModelAudit.Gradients.Backward;

/// <summary>Per-sample values back to back: the target, the gradient, and the differentiated tensor when it is an inner one.</summary>
internal sealed record GradientResult(float[] Target, float[] Gradient, float[]? Wrt);
