using System.Text.Json.Nodes;

namespace ModelAudit.Auditing;

/// <summary>
/// One key of the config reference: its JSON name and full path, type, default (null: none), the threshold
/// <c>modelaudit init</c> writes, whether it is required, its meaning, and, for an object, its own keys.
/// </summary>
internal sealed record ConfigKey(string Name, string Path, ConfigType Type, JsonNode? Default, double? Suggested, bool Required, string Description, ConfigObject? Object);
