using System.Text.RegularExpressions;

namespace RulesMesh.Loading.CelLanguage;

/// <summary>
/// The functions CRD rules call: CEL's standard <c>size</c>, string tests, <c>matches</c>, conversions and
/// <c>duration</c>, and the Kubernetes libraries (strings, <c>isIP</c>, URLs, quantities). A function is chosen when
/// the rule is compiled, by name and number of arguments (a receiver counts as the first).
/// </summary>
internal static class CelFunctions
{
    /// <summary>The evaluator of <paramref name="name"/> applied to <paramref name="arguments"/>.</summary>
    public static CelEvaluator Compile(string name, IReadOnlyList<CelSyntax> syntax, CelEvaluator[] arguments)
    {
        switch (name, arguments.Length)
        {
            case ("size", 1): return Unary(arguments, static v => CelRuntimeValue.Of(v.Size));
            case ("type", 1): return Unary(arguments, static v => v.TypeOf());
            case ("int", 1): return Unary(arguments, CelConversions.ToInt);
            case ("double", 1): return Unary(arguments, CelConversions.ToDouble);
            case ("string", 1): return Unary(arguments, CelConversions.ToStringValue);
            case ("duration", 1): return Unary(arguments, static v => v.Kind == CelValueKind.Duration ? v : CelRuntimeValue.Duration(CelDurations.Parse(v.AsString())));
            case ("startsWith", 2): return Binary(arguments, static (a, b) => CelRuntimeValue.Of(a.AsString().StartsWith(b.AsString(), StringComparison.Ordinal)));
            case ("endsWith", 2): return Binary(arguments, static (a, b) => CelRuntimeValue.Of(a.AsString().EndsWith(b.AsString(), StringComparison.Ordinal)));
            case ("contains", 2): return Binary(arguments, static (a, b) => CelRuntimeValue.Of(a.AsString().Contains(b.AsString(), StringComparison.Ordinal)));
            case ("matches", 2): return Matches(syntax[1], arguments);
            case ("substring", 2): return Binary(arguments, static (a, b) => CelRuntimeValue.Of(CelStrings.Substring(a.AsString(), b.AsInt, null)));
            case ("substring", 3): return Ternary(arguments, static (a, b, c) => CelRuntimeValue.Of(CelStrings.Substring(a.AsString(), b.AsInt, c.AsInt)));
            case ("split", 2): return Binary(arguments, static (a, b) => CelRuntimeValue.Of(a.AsString().Split(b.AsString()).Select(CelRuntimeValue.Of).ToArray()));
            case ("indexOf", 2): return Binary(arguments, static (a, b) => CelRuntimeValue.Of(CelStrings.IndexOf(a.AsString(), b.AsString())));
            case ("lowerAscii", 1): return Unary(arguments, static v => CelRuntimeValue.Of(CelStrings.LowerAscii(v.AsString())));
            case ("upperAscii", 1): return Unary(arguments, static v => CelRuntimeValue.Of(CelStrings.UpperAscii(v.AsString())));
            case ("trim", 1): return Unary(arguments, static v => CelRuntimeValue.Of(v.AsString().Trim()));
            case ("isIP", 1): return Unary(arguments, static v => CelRuntimeValue.Of(CelStrings.IsIP(v.AsString())));
            case ("isURL", 1): return Unary(arguments, static v => CelRuntimeValue.Of(CelStrings.TryParseUrl(v.AsString()) is not null));
            case ("url", 1): return Unary(arguments, static v => CelRuntimeValue.Of(CelStrings.TryParseUrl(v.AsString()) ?? throw new CelEvaluationException($"not a URL: {v}")));
            case ("getScheme", 1): return Unary(arguments, static v => CelRuntimeValue.Of(v.AsUrl.Scheme));
            case ("quantity", 1): return Unary(arguments, static v => CelRuntimeValue.Of(CelQuantity.TryParse(v.AsString()) ?? throw new CelEvaluationException($"not a quantity: {v}")));
            case ("isQuantity", 1): return Unary(arguments, static v => CelRuntimeValue.Of(CelQuantity.TryParse(v.AsString()) is not null));
            case ("isGreaterThan", 2): return Binary(arguments, static (a, b) => CelRuntimeValue.Of(a.AsQuantity.Value > b.AsQuantity.Value));
            case ("isLessThan", 2): return Binary(arguments, static (a, b) => CelRuntimeValue.Of(a.AsQuantity.Value < b.AsQuantity.Value));
            case ("compareTo", 2): return Binary(arguments, static (a, b) => CelRuntimeValue.Of((long)decimal.Compare(a.AsQuantity.Value, b.AsQuantity.Value)));
            case ("sign", 1): return Unary(arguments, static v => CelRuntimeValue.Of((long)Math.Sign(v.AsQuantity.Value)));
            case ("isInteger", 1): return Unary(arguments, static v => CelRuntimeValue.Of(decimal.Truncate(v.AsQuantity.Value) == v.AsQuantity.Value));
            case ("asInteger", 1): return Unary(arguments, static v => CelRuntimeValue.Of(v.AsQuantity.TryAsInteger() ?? throw new CelEvaluationException($"quantity {v.AsQuantity.Value} is not a 64-bit integer")));
            case ("asApproximateFloat", 1): return Unary(arguments, static v => CelRuntimeValue.Of((double)v.AsQuantity.Value));
            default: throw new CelUnsupportedException($"the function {name} with {arguments.Length} arguments");
        }
    }

    private static CelEvaluator Unary(CelEvaluator[] arguments, Func<CelRuntimeValue, CelRuntimeValue> function)
    {
        var operand = arguments[0];
        return variables => function(operand(variables));
    }

    private static CelEvaluator Binary(CelEvaluator[] arguments, Func<CelRuntimeValue, CelRuntimeValue, CelRuntimeValue> function)
    {
        var (first, second) = (arguments[0], arguments[1]);
        return variables => function(first(variables), second(variables));
    }

    private static CelEvaluator Ternary(CelEvaluator[] arguments, Func<CelRuntimeValue, CelRuntimeValue, CelRuntimeValue, CelRuntimeValue> function)
    {
        var (first, second, third) = (arguments[0], arguments[1], arguments[2]);
        return variables => function(first(variables), second(variables), third(variables));
    }

    // A pattern written in the rule is compiled once; the regular expressions are .NET's, as the Cel package uses.
    private static CelEvaluator Matches(CelSyntax pattern, CelEvaluator[] arguments)
    {
        if (pattern is CelLiteral { Value.Kind: CelValueKind.String } literal && Pattern(literal.Value.AsString()) is { } regex)
        {
            var text = arguments[0];
            return variables => CelRuntimeValue.Of(regex.IsMatch(text(variables).AsString()));
        }

        return Binary(arguments, static (text, pattern) => CelRuntimeValue.Of((Pattern(pattern.AsString()) ?? throw new CelEvaluationException($"not a regular expression: {pattern}")).IsMatch(text.AsString())));
    }

    private static Regex? Pattern(string pattern)
    {
        try
        {
            return new Regex(pattern, RegexOptions.None);
        }
        catch (ArgumentException)
        {
            return null;
        }
    }
}
