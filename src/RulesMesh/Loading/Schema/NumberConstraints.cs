using NJsonSchema;

namespace RulesMesh.Loading.Schema;

/// <summary>
/// minimum and maximum (inclusive or exclusive), compared as NJsonSchema compares them: in decimal, or in
/// double for a value beyond decimal's range.
/// </summary>
internal sealed class NumberConstraints
{
    private readonly decimal? minimum;
    private readonly bool isExclusiveMinimum;
    private readonly decimal? maximum;
    private readonly bool isExclusiveMaximum;
    private readonly decimal? exclusiveMinimum;
    private readonly decimal? exclusiveMaximum;

    private NumberConstraints(JsonSchema schema)
    {
        minimum = schema.Minimum;
        isExclusiveMinimum = schema.IsExclusiveMinimum;
        maximum = schema.Maximum;
        isExclusiveMaximum = schema.IsExclusiveMaximum;
        exclusiveMinimum = schema.ExclusiveMinimum;
        exclusiveMaximum = schema.ExclusiveMaximum;
    }

    /// <summary>The number constraints of <paramref name="schema"/>, or null when it has none.</summary>
    public static NumberConstraints? Of(JsonSchema schema)
        => schema.Minimum is null && schema.Maximum is null && schema.ExclusiveMinimum is null
            && schema.ExclusiveMaximum is null
            ? null
            : new NumberConstraints(schema);

    public bool Accepts(SchemaNumber number)
    {
        if (number.IsInteger)
        {
            return Accepts((decimal)number.Integer);
        }

        decimal value;
        try
        {
            value = Convert.ToDecimal(number.Double);
        }
        catch (OverflowException)
        {
            return Accepts(number.Double);
        }

        return Accepts(value);
    }

    private bool Accepts(decimal value)
        => !(minimum is { } min && (isExclusiveMinimum ? value <= min : value < min))
            && !(maximum is { } max && (isExclusiveMaximum ? value >= max : value > max))
            && !(exclusiveMinimum is { } exclusiveMin && value <= exclusiveMin)
            && !(exclusiveMaximum is { } exclusiveMax && value >= exclusiveMax);

    private bool Accepts(double value)
        => !(minimum is { } min && (isExclusiveMinimum ? value <= (double)min : value < (double)min))
            && !(maximum is { } max && (isExclusiveMaximum ? value >= (double)max : value > (double)max))
            && !(exclusiveMinimum is { } exclusiveMin && value <= (double)exclusiveMin)
            && !(exclusiveMaximum is { } exclusiveMax && value >= (double)exclusiveMax);
}
