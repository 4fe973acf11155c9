using System.Text.Json;
using System.Text.Json.Nodes;
using RulesMesh.Loading.CelLanguage;

namespace RulesMesh.Loading;

/// <summary>
/// The value a node's rules run on (<c>self</c>): the manifest's JSON and its schema for compiled rules, and, built only
/// when a rule left to the Cel package needs it, the dictionary form that package reads. One subject serves a whole
/// document, moved from node to node (<see cref="MoveTo"/>), with one array for the compiled rules' variables.
/// </summary>
internal sealed class CelRuleSubject(JsonElement value, CelSchema schema, JsonObject schemaNode)
{
    private JsonElement value = value;
    private CelSchema schema = schema;
    private JsonObject schemaNode = schemaNode;
    private object? packageValue;
    private bool packageValueBuilt;
    private CelRuntimeValue[] variables = [];

    /// <summary>The manifest value.</summary>
    public JsonElement Value => value;

    /// <summary>Its schema, prepared for compiled rules.</summary>
    public CelSchema Schema => schema;

    /// <summary>The value as the Cel package reads it (maps, lists, defaults filled in, keys escaped).</summary>
    public object? PackageValue
    {
        get
        {
            if (!packageValueBuilt)
            {
                packageValue = CelValue.From(value, schemaNode);
                packageValueBuilt = true;
            }

            return packageValue;
        }
    }

    /// <summary>Makes this the subject of the rules of another node: <paramref name="nextValue"/>, whose schema is <paramref name="nextSchema"/> (<paramref name="nextSchemaNode"/>).</summary>
    public void MoveTo(JsonElement nextValue, CelSchema nextSchema, JsonObject nextSchemaNode)
    {
        value = nextValue;
        schema = nextSchema;
        schemaNode = nextSchemaNode;
        packageValue = null;
        packageValueBuilt = false;
    }

    /// <summary>An array of at least <paramref name="count"/> variable slots for a compiled rule, reused from rule to rule.</summary>
    public CelRuntimeValue[] Variables(int count)
    {
        if (variables.Length < count)
        {
            variables = new CelRuntimeValue[count];
        }

        return variables;
    }
}
