using System.Text.Json;
using System.Text.Json.Nodes;
using RulesMesh.Loading.CelLanguage;

namespace RulesMesh.Loading;

/// <summary>
/// The value a node's rules run on (<c>self</c>): the manifest's JSON and its schema for compiled rules, and, built only
/// when a rule left to the Cel package needs it, the dictionary form that package reads.
/// </summary>
internal sealed class CelRuleSubject(JsonElement value, CelSchema schema, JsonObject schemaNode)
{
    private object? packageValue;
    private bool packageValueBuilt;

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
}
