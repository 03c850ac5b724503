using System.Reflection;
using System.Text;
using System.Xml.Linq;

namespace ModelAudit.Auditing;

/// <summary>
/// The <c>&lt;summary&gt;</c> of a type or property, from the XML documentation file the build writes beside the
/// assembly, as one line of text: <c>&lt;c&gt;</c> becomes backticks, a reference to a config property becomes its
/// JSON key, any other reference its short name.
/// </summary>
internal sealed class XmlDocs
{
    private readonly Dictionary<string, XElement> _members;
    private readonly Assembly _assembly;

    private XmlDocs(Assembly assembly, XDocument document)
    {
        _assembly = assembly;
        _members = document.Descendants("member")
            .Where(m => m.Attribute("name") is not null)
            .ToDictionary(m => m.Attribute("name")!.Value, StringComparer.Ordinal);
    }

    public static XmlDocs For(Assembly assembly)
    {
        var path = Path.ChangeExtension(assembly.Location, ".xml");
        return File.Exists(path)
            ? new XmlDocs(assembly, XDocument.Load(path))
            : throw new InvalidOperationException($"'{path}' does not exist: the config reference is read from the XML documentation the build writes (GenerateDocumentationFile) beside {assembly.GetName().Name}.dll.");
    }

    public string? Summary(Type type) => Render($"T:{type.FullName}");

    public string? Summary(PropertyInfo property) => Render($"P:{property.DeclaringType!.FullName}.{property.Name}");

    private string? Render(string id)
    {
        if (!_members.TryGetValue(id, out var member) || member.Element("summary") is not { } summary)
        {
            return null;
        }

        var text = new StringBuilder();
        foreach (var node in summary.Nodes())
        {
            Append(text, node);
        }

        var line = string.Join(' ', text.ToString().Split((char[])[' ', '\n', '\r', '\t'], StringSplitOptions.RemoveEmptyEntries));
        return line.Length == 0 ? null : line;
    }

    private void Append(StringBuilder text, XNode node)
    {
        switch (node)
        {
            case XText t:
                text.Append(t.Value);
                break;
            case XElement { Name.LocalName: "c" } c:
                text.Append('`').Append(c.Value).Append('`');
                break;
            case XElement { Name.LocalName: "see" } see when see.Attribute("cref") is { } cref:
                text.Append(Reference(cref.Value));
                break;
            case XElement { Name.LocalName: "see" } see when see.Attribute("langword") is { } word:
                text.Append('`').Append(word.Value).Append('`');
                break;
            case XElement { Name.LocalName: "paramref" or "typeparamref" } p:
                text.Append(p.Attribute("name")?.Value);
                break;
            case XElement e:
                foreach (var child in e.Nodes())
                {
                    Append(text, child);
                }

                break;
        }
    }

    /// <summary>A config property as its key (<c>`min_mass_inside`</c>); anything else by its short name.</summary>
    private string Reference(string cref)
    {
        var name = cref[2..];
        var parameters = name.IndexOf('(', StringComparison.Ordinal);
        if (parameters >= 0)
        {
            name = name[..parameters];
        }

        var dot = name.LastIndexOf('.');
        if (cref.StartsWith("P:", StringComparison.Ordinal) && _assembly.GetType(name[..dot]) is { } declaring
            && ConfigReference.IsConfigType(declaring) && declaring.GetProperty(name[(dot + 1)..]) is { } property)
        {
            return $"`{ConfigReference.KeyOf(property)}`";
        }

        return cref.StartsWith("T:", StringComparison.Ordinal) ? name[(dot + 1)..] : name[(name.LastIndexOf('.', dot - 1) + 1)..];
    }
}
