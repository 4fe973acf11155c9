using System.Text;

namespace RulesMesh.Loading.Schema;

/// <summary>A property an object schema declares: its name (also as UTF-8, to find it in a parsed manifest), its checks, and whether it is required.</summary>
internal sealed class DeclaredProperty(string name, StructuralSchemaNode schema, bool isRequired)
{
    public string Name { get; } = name;

    public byte[] Utf8Name { get; } = Encoding.UTF8.GetBytes(name);

    public StructuralSchemaNode Schema { get; } = schema;

    public bool IsRequired { get; } = isRequired;
}
