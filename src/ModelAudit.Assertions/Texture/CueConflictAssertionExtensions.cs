using ModelAudit.Assertions.Texture;
using ModelAudit.Texture;

namespace ModelAudit.Assertions;

public static class CueConflictAssertionExtensions
{
    public static CueConflictAssertions Should(this CueConflictResult result) => new(result);
}
