namespace ModelAudit.Visualisation;

/// <summary>
/// How one run of <see cref="GradientAscent"/> steps and regularises: step size (fraction of the value range per
/// unit-RMS gradient), L2 decay towards grey, jitter in pixels, image blur every N steps, and gradient blur (octaves).
/// </summary>
internal sealed record AscentSettings(int Steps, double StepSize, double L2Decay, int Jitter, int BlurEvery, double BlurSigma, double GradientSigma);
