using k8s.Models;

namespace RulesMesh.Loading.CelLanguage;

/// <summary>
/// A Kubernetes resource quantity (<c>64Ki</c>, <c>1.5G</c>, <c>100m</c>) as CEL's <c>quantity()</c> library sees it:
/// compared and converted by its exact decimal value.
/// </summary>
/// <param name="Value">The quantity's value.</param>
internal sealed record CelQuantity(decimal Value)
{
    /// <summary>The quantity <paramref name="text"/> denotes, or null when it is not one.</summary>
    public static CelQuantity? TryParse(string text)
    {
        try
        {
            return new CelQuantity(new ResourceQuantity(text).ToDecimal());
        }
        catch (Exception exception) when (exception is FormatException or ArgumentException or OverflowException)
        {
            return null;
        }
    }

    /// <summary>The quantity <paramref name="text"/> denotes; an evaluation error (the rule fails) when it is not one.</summary>
    public static CelQuantity Parse(string text) => TryParse(text) ?? throw new FormatException($"not a quantity: {text}");

    /// <summary>The value as an integer: an evaluation error when it has a fraction or does not fit 64 bits, as in Kubernetes.</summary>
    public long AsInteger() => TryAsInteger() ?? throw new OverflowException($"quantity {Value} is not a 64-bit integer");

    /// <summary>The value as an integer, or null when it has a fraction or does not fit 64 bits.</summary>
    public long? TryAsInteger()
        => decimal.Truncate(Value) == Value && Value >= long.MinValue && Value <= long.MaxValue ? (long)Value : null;
}
