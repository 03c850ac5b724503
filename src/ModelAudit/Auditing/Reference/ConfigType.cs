namespace ModelAudit.Auditing;

/// <summary>
/// What a config key holds, as JSON sees it: <see cref="Kind"/> is <c>string</c>, <c>integer</c>, <c>number</c>,
/// <c>boolean</c>, <c>array</c> (of <see cref="Items"/>) or <c>object</c>; <see cref="Names"/> are the only strings
/// accepted, when the key has such a table; <see cref="Also"/> is a second form the reader accepts.
/// </summary>
internal sealed record ConfigType(string Kind, bool Nullable, ConfigType? Items = null, IReadOnlyList<string>? Names = null, ConfigAlso? Also = null);
