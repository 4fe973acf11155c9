namespace RulesMesh.Loading.Schema;

/// <summary>
/// minimum and maximum (inclusive, or exclusive by OpenAPI v3.0's boolean exclusiveMinimum and exclusiveMaximum), compared as NJsonSchema compares them: in decimal, or in
/// double for a value beyond decimal's range.
/// </summary>
internal sealed class NumberConstraints
{
    private readonly decimal? minimum;
    private readonly bool isExclusiveMinimum;
    private readonly decimal? maximum;
    private readonly bool isExclusiveMaximum;

    private NumberConstraints(decimal? minimum, bool isExclusiveMinimum, decimal? maximum, bool isExclusiveMaximum)
    {
        this.minimum = minimum;
        this.isExclusiveMinimum = isExclusiveMinimum;
        this.maximum = maximum;
        this.isExclusiveMaximum = isExclusiveMaximum;
    }

    /// <summary>The number constraints of a schema node, or null when it has none.</summary>
    public static NumberConstraints? Of(decimal? minimum, bool isExclusiveMinimum, decimal? maximum, bool isExclusiveMaximum)
        => minimum is null && maximum is null ? null : new NumberConstraints(minimum, isExclusiveMinimum, maximum, isExclusiveMaximum);

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
            && !(maximum is { } max && (isExclusiveMaximum ? value >= max : value > max));

    private bool Accepts(double value)
        => !(minimum is { } min && (isExclusiveMinimum ? value <= (double)min : value < (double)min))
            && !(maximum is { } max && (isExclusiveMaximum ? value >= (double)max : value > (double)max));
}
