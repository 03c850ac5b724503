namespace ModelAudit.Datasets;

/// <summary>The classes of the synthetic shapes dataset. The value is the class index a model predicts.</summary>
public enum ShapeKind
{
    Circle = 0,
    Square = 1,
    Triangle = 2,
    Cross = 3,
}
