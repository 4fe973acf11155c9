using NJsonSchema;
using NJsonSchema.Validation;
using NJsonSchema.Validation.FormatValidators;

namespace RulesMesh.Loading.Schema;

/// <summary>
/// Turns NJsonSchema's reading of a schema into <see cref="StructuralSchemaNode"/>s, each keyword read from the same
/// property NJsonSchema's validator reads. Keywords CRD schemas do not use (several types at once, uniqueItems, tuple
/// items, patternProperties, multipleOf, nesting beyond <see cref="MaxDepth"/>, which only a $ref cycle reaches) make
/// their node <see cref="StructuralSchemaNode.Unmodelled"/>, so NJsonSchema decides there.
/// </summary>
internal sealed class StructuralSchemaCompiler
{
    private const int MaxDepth = 64;

    // The format validators NJsonSchema's validator uses by default, by format name.
    private readonly Dictionary<string, IFormatValidator[]> formatValidators = new JsonSchemaValidatorSettings().FormatValidators
        .GroupBy(validator => validator.Format)
        .ToDictionary(group => group.Key, group => group.ToArray());

    public StructuralSchemaNode Compile(JsonSchema schema) => Compile(schema, depth: 0);

    private StructuralSchemaNode Compile(JsonSchema declared, int depth)
    {
        // NJsonSchema validates against the schema a reference resolves to.
        var schema = declared.ActualSchema;
        if (depth > MaxDepth || !IsModelled(schema))
        {
            return StructuralSchemaNode.Unmodelled;
        }

        var children = depth + 1;
        return new StructuralSchemaNode
        {
            Type = schema.Type,
            IsNullable = schema.IsNullable(SchemaType.JsonSchema),
            AnyOf = schema.AnyOf.Select(branch => Compile(branch, children)).ToList(),
            AllOf = schema.AllOf.Select(branch => Compile(branch, children)).ToList(),
            OneOf = schema.OneOf.Select(branch => Compile(branch, children)).ToList(),
            Not = schema.Not is { } not ? Compile(not, children) : null,
            Strings = StringConstraints.Of(schema, formatValidators),
            Numbers = NumberConstraints.Of(schema),
            Lists = schema.MinItems > 0 || schema.MaxItems > 0 || schema.Item is not null
                ? new ListConstraints(schema.MinItems, schema.MaxItems, schema.Item is { } item ? Compile(item, children) : null)
                : null,
            Enum = schema.Enumeration.Count > 0 ? new EnumConstraint(schema.Enumeration) : null,
            Objects = new ObjectConstraints(
                schema.Properties.Select(property => new DeclaredProperty(property.Key, Compile(property.Value, children), property.Value.IsRequired)).ToList(),
                schema.RequiredProperties.Where(name => !schema.Properties.ContainsKey(name)),
                schema.MinProperties,
                schema.MaxProperties,
                schema.AdditionalPropertiesSchema is { } additional ? Compile(additional, children) : null,
                schema.AllowAdditionalProperties),
        };
    }

    private static bool IsModelled(JsonSchema schema)
        => JsonSchemaTypeCount(schema.Type) <= 1
            && !schema.UniqueItems
            && schema.Items.Count == 0
            && schema.PatternProperties.Count == 0
            && schema.MultipleOf is null;

    private static int JsonSchemaTypeCount(JsonObjectType type) => int.PopCount((int)type);
}
