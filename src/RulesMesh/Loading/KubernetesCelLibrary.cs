using Cel;
using RulesMesh.Loading.CelLanguage;

namespace RulesMesh.Loading;

/// <summary>
/// The CEL environment CRD validation rules run in: the standard CEL library of the Cel package plus the Kubernetes
/// extension functions the schemas use that it lacks (strings <c>substring</c>, <c>split</c>, <c>lowerAscii</c>,
/// <c>upperAscii</c>, <c>trim</c>, <c>indexOf</c>; <c>isIP</c>; <c>isURL</c>, <c>url</c> and <c>getScheme</c>; the
/// quantity library: <c>quantity</c>, <c>isQuantity</c>, <c>isGreaterThan</c>, <c>isLessThan</c>, <c>compareTo</c>,
/// <c>sign</c>, <c>isInteger</c>, <c>asInteger</c>, <c>asApproximateFloat</c>).
/// Rules the rule compiler (<see cref="CelCompiler"/>) cannot compile run here; the string functions are the
/// compiler's own (<see cref="CelStrings"/>), so both count code points alike.
/// </summary>
internal static class KubernetesCelLibrary
{
    /// <summary>A new environment with the Kubernetes functions registered.</summary>
    public static CelEnvironment Create()
    {
        var environment = new CelEnvironment(null, null);
        environment.RegisterFunction("substring", [typeof(string), typeof(long)], static a => CelStrings.Substring(Text(a[0]), Integer(a[1]), null));
        environment.RegisterFunction("substring", [typeof(string), typeof(long), typeof(long)], static a => CelStrings.Substring(Text(a[0]), Integer(a[1]), Integer(a[2])));
        environment.RegisterFunction("split", [typeof(string), typeof(string)], static a => Text(a[0]).Split(Text(a[1])).Cast<object?>().ToList());
        environment.RegisterFunction("lowerAscii", [typeof(string)], static a => CelStrings.LowerAscii(Text(a[0])));
        environment.RegisterFunction("upperAscii", [typeof(string)], static a => CelStrings.UpperAscii(Text(a[0])));
        environment.RegisterFunction("trim", [typeof(string)], static a => Text(a[0]).Trim());
        environment.RegisterFunction("indexOf", [typeof(string), typeof(string)], static a => CelStrings.IndexOf(Text(a[0]), Text(a[1])));
        environment.RegisterFunction("isIP", [typeof(string)], static a => CelStrings.IsIP(Text(a[0])));
        environment.RegisterFunction("isURL", [typeof(string)], static a => CelStrings.TryParseUrl(Text(a[0])) is not null);
        environment.RegisterFunction("url", [typeof(string)], static a => CelStrings.TryParseUrl(Text(a[0])) ?? throw new FormatException($"not a URL: {Text(a[0])}"));
        environment.RegisterFunction("getScheme", [typeof(Uri)], static a => ((Uri)a[0]!).Scheme);
        environment.RegisterFunction("quantity", [typeof(string)], static a => CelQuantity.Parse(Text(a[0])));
        environment.RegisterFunction("isQuantity", [typeof(string)], static a => CelQuantity.TryParse(Text(a[0])) is not null);
        environment.RegisterFunction("isGreaterThan", [typeof(CelQuantity), typeof(CelQuantity)], static a => Quantity(a[0]).Value > Quantity(a[1]).Value);
        environment.RegisterFunction("isLessThan", [typeof(CelQuantity), typeof(CelQuantity)], static a => Quantity(a[0]).Value < Quantity(a[1]).Value);
        environment.RegisterFunction("compareTo", [typeof(CelQuantity), typeof(CelQuantity)], static a => (long)decimal.Compare(Quantity(a[0]).Value, Quantity(a[1]).Value));
        environment.RegisterFunction("sign", [typeof(CelQuantity)], static a => (long)Math.Sign(Quantity(a[0]).Value));
        environment.RegisterFunction("isInteger", [typeof(CelQuantity)], static a => decimal.Truncate(Quantity(a[0]).Value) == Quantity(a[0]).Value);
        environment.RegisterFunction("asInteger", [typeof(CelQuantity)], static a => Quantity(a[0]).AsInteger());
        environment.RegisterFunction("asApproximateFloat", [typeof(CelQuantity)], static a => (double)Quantity(a[0]).Value);
        return environment;
    }

    private static string Text(object? value) => value as string ?? throw new ArgumentException("expected a string");

    private static CelQuantity Quantity(object? value) => value as CelQuantity ?? throw new ArgumentException("expected a quantity");

    private static long Integer(object? value) => value as long? ?? throw new ArgumentException("expected an integer");
}
