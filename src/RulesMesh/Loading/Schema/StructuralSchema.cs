using System.Text.Json;
using NJsonSchema;

namespace RulesMesh.Loading.Schema;

/// <summary>
/// A kind's structural schema compiled once into a tree of checks that run straight on a parsed manifest
/// (<see cref="JsonElement"/>), with no per-document conversion. It is compiled from NJsonSchema's own reading of the
/// schema, so both agree on what every keyword means; it only decides whether a manifest passes. Compiled at run time,
/// it serves the bundled CRDs and CRDs that arrive only at run time alike.
/// </summary>
internal sealed class StructuralSchema
{
    private readonly StructuralSchemaNode root;

    private StructuralSchema(StructuralSchemaNode root) => this.root = root;

    /// <summary>Compiles <paramref name="schema"/> (as NJsonSchema validates it) into checks.</summary>
    public static StructuralSchema Compile(JsonSchema schema) => new(new StructuralSchemaCompiler().Compile(schema));

    /// <summary>
    /// True when <paramref name="manifest"/> certainly passes the schema, exactly as NJsonSchema would find it;
    /// false when it fails or when only NJsonSchema can tell, which then runs and explains.
    /// </summary>
    public bool Accepts(JsonElement manifest) => root.Check(manifest) == SchemaVerdict.Accepted;
}
