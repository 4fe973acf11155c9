using System.Globalization;

namespace RulesMesh.Loading.CelLanguage;

/// <summary>CEL's type conversions <c>int()</c>, <c>double()</c> and <c>string()</c> on the values rules meet.</summary>
internal static class CelConversions
{
    /// <summary><c>int(value)</c>: an int, a double truncated toward zero, or a string's decimal digits.</summary>
    public static CelRuntimeValue ToInt(CelRuntimeValue value) => value.Kind switch
    {
        CelValueKind.Int => value,
        CelValueKind.Double when double.IsFinite(value.AsDouble) && value.AsDouble > -9.2233720368547758E+18 && value.AsDouble < 9.2233720368547758E+18
            => CelRuntimeValue.Of((long)value.AsDouble),
        CelValueKind.String when long.TryParse(value.AsString(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var parsed)
            => CelRuntimeValue.Of(parsed),
        _ => throw new CelEvaluationException($"cannot convert {value.Kind} to int"),
    };

    /// <summary><c>double(value)</c>: an int, a double, or a string's number.</summary>
    public static CelRuntimeValue ToDouble(CelRuntimeValue value) => value.Kind switch
    {
        CelValueKind.Double => value,
        CelValueKind.Int => CelRuntimeValue.Of((double)value.AsInt),
        CelValueKind.String when double.TryParse(value.AsString(), NumberStyles.Float, CultureInfo.InvariantCulture, out var parsed)
            => CelRuntimeValue.Of(parsed),
        _ => throw new CelEvaluationException($"cannot convert {value.Kind} to double"),
    };

    /// <summary><c>string(value)</c>.</summary>
    public static CelRuntimeValue ToStringValue(CelRuntimeValue value)
        => value.Kind == CelValueKind.String ? value : CelRuntimeValue.Of(ToText(value));

    /// <summary>How CEL prints a value that is not a string.</summary>
    public static string ToText(CelRuntimeValue value) => value.Kind switch
    {
        CelValueKind.Int => value.AsInt.ToString(CultureInfo.InvariantCulture),
        CelValueKind.Double => value.AsDouble.ToString(CultureInfo.InvariantCulture),
        CelValueKind.Bool => value.AsBool ? "true" : "false",
        CelValueKind.String => value.AsString(),
        CelValueKind.Null => "null",
        CelValueKind.Type => value.TypeName,
        _ => throw new CelEvaluationException($"cannot convert {value.Kind} to string"),
    };
}
