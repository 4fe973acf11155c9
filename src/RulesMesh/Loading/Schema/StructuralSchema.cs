using System.Text.Json;
using System.Text.Json.Nodes;

namespace RulesMesh.Loading.Schema;

/// <summary>
/// A kind's structural schema compiled once into a tree of checks that run straight on a parsed manifest
/// (<see cref="JsonElement"/>), with no per-document conversion. It is compiled from the schema's JSON with the meaning NJsonSchema gives each keyword it reads (<see cref="StructuralSchemaCompiler"/>), so both
/// agree on what every keyword means; it only decides whether a manifest passes. Compiled at run time,
/// it serves the bundled CRDs and CRDs that arrive only at run time alike.
/// </summary>
internal sealed class StructuralSchema
{
    private readonly StructuralSchemaNode root;

    private StructuralSchema(StructuralSchemaNode root, bool leavesSomeToNJsonSchema)
    {
        this.root = root;
        LeavesSomeToNJsonSchema = leavesSomeToNJsonSchema;
    }

    /// <summary>Whether some node of the schema uses what the checks do not read, so NJsonSchema decides there.</summary>
    public bool LeavesSomeToNJsonSchema { get; }

    /// <summary>Compiles <paramref name="schema"/> (the JSON NJsonSchema would validate with) into checks.</summary>
    public static StructuralSchema Compile(JsonObject schema)
    {
        var compiler = new StructuralSchemaCompiler();
        var root = compiler.Compile(schema);
        return new StructuralSchema(root, compiler.LeftSomeToNJsonSchema);
    }

    /// <summary>
    /// True when <paramref name="manifest"/> certainly passes the schema, exactly as NJsonSchema would find it;
    /// false when it fails or when only NJsonSchema can tell, which then runs and explains.
    /// </summary>
    public bool Accepts(JsonElement manifest) => root.Check(manifest) == SchemaVerdict.Accepted;
}
