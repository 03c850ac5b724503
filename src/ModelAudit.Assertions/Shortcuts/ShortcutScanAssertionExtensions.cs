using ModelAudit.Assertions.Shortcuts;
using ModelAudit.Shortcuts;

namespace ModelAudit.Assertions;

public static class ShortcutScanAssertionExtensions
{
    public static ShortcutScanAssertions Should(this ShortcutScanResult result) => new(result);
}
