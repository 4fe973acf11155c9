using System.Collections.Generic;
using System.Linq;
using RulesMesh.Generators.Common;
using RulesMesh.Generators.Crd.Model;
using RulesMesh.Generators.Crd.Naming;

namespace RulesMesh.Generators.Crd.Emitting
{
    /// <summary>
    /// Emits a string enum as a struct over its wire string: known values are static members,
    /// and a value from a newer schema still reads, compares and writes back unchanged.
    /// </summary>
    internal static class WireEnumEmitter
    {
        private static readonly string[] OwnMembers = { "Value", "IsKnown", "FromWire", "KnownValues", "Equals", "GetHashCode", "ToString", "GetType" };

        public static void Emit(SourceWriter writer, KindVersionModel kind, TypeDeclaration type, string? obsoleteMessage)
        {
            var name = type.Name;
            var taken = new HashSet<string>(OwnMembers, System.StringComparer.Ordinal) { name };
            var members = type.EnumValues.Select(v => (Wire: v, Member: CSharpNames.Unique(CSharpNames.EnumMember(v).TrimStart('@'), taken))).ToList();

            DocComments.Write(writer, type.Description, new[]
            {
                ModelEmitter.SchemaPaths(kind, type),
                "Known values: " + string.Join(", ", type.EnumValues) + ". Other values are kept as read.",
            });
            ModelEmitter.WriteObsolete(writer, obsoleteMessage);
            writer.Line("[global::System.Text.Json.Serialization.JsonConverter(typeof(global::RulesMesh.Modeling.WireEnumJsonConverter<" + name + ">))]");
            writer.Line("[global::System.CodeDom.Compiler.GeneratedCode(\"RulesMesh.Generators\", \"1.0\")]");
            writer.OpenBlock($"public readonly partial struct {name} : global::RulesMesh.Modeling.IWireEnum<{name}>");
            writer.Line("private readonly string? _value;");
            writer.Line();
            writer.Line($"private {name}(string value) => _value = value;");
            foreach (var (wire, member) in members)
            {
                writer.Line();
                writer.Line($"/// <summary>The value <c>{DocComments.Escape(wire)}</c>.</summary>");
                writer.Line($"public static {name} {member} => new {name}({ModelEmitter.Literal(wire)});");
            }

            writer.Line();
            writer.Line("/// <summary>Every value the schema lists, in schema order.</summary>");
            writer.Line($"public static global::System.Collections.Generic.IReadOnlyList<{name}> KnownValues {{ get; }} = new {name}[] {{ {string.Join(", ", members.Select(m => m.Member))} }};");
            writer.Line();
            writer.Line("/// <inheritdoc />");
            writer.Line("public string Value => _value ?? string.Empty;");
            writer.Line();
            writer.Line("/// <inheritdoc />");
            var known = members.Count == 0 ? "false" : "Value is " + string.Join(" or ", members.Select(m => ModelEmitter.Literal(m.Wire)));
            writer.Line("public bool IsKnown => " + known + ";");
            writer.Line();
            writer.Line("/// <inheritdoc />");
            writer.Line($"public static {name} FromWire(string value) => new {name}(value);");
            writer.Line();
            writer.Line("/// <inheritdoc />");
            writer.Line($"public bool Equals({name} other) => string.Equals(Value, other.Value, global::System.StringComparison.Ordinal);");
            writer.Line();
            writer.Line("/// <inheritdoc />");
            writer.Line($"public override bool Equals(object? obj) => obj is {name} other && Equals(other);");
            writer.Line();
            writer.Line("/// <inheritdoc />");
            writer.Line("public override int GetHashCode() => global::System.StringComparer.Ordinal.GetHashCode(Value);");
            writer.Line();
            writer.Line("/// <inheritdoc />");
            writer.Line("public override string ToString() => Value;");
            writer.Line();
            writer.Line("/// <summary>Compares wire values.</summary>");
            writer.Line($"public static bool operator ==({name} left, {name} right) => left.Equals(right);");
            writer.Line();
            writer.Line("/// <summary>Compares wire values.</summary>");
            writer.Line($"public static bool operator !=({name} left, {name} right) => !left.Equals(right);");
            writer.CloseBlock();
        }
    }
}
