using System.Net;
using Cel;

namespace RulesMesh.Loading;

/// <summary>
/// The CEL environment CRD validation rules run in: the standard CEL library of the Cel package plus the Kubernetes
/// extension functions the schemas use that it lacks (strings <c>substring</c>, <c>split</c>, <c>lowerAscii</c>,
/// <c>upperAscii</c>, <c>trim</c>, <c>indexOf</c>; <c>isIP</c>; <c>isURL</c>, <c>url</c> and <c>getScheme</c>; the
/// quantity library: <c>quantity</c>, <c>isQuantity</c>, <c>isGreaterThan</c>, <c>isLessThan</c>, <c>compareTo</c>,
/// <c>sign</c>, <c>isInteger</c>, <c>asInteger</c>, <c>asApproximateFloat</c>).
/// </summary>
internal static class KubernetesCelLibrary
{
    /// <summary>A new environment with the Kubernetes functions registered.</summary>
    public static CelEnvironment Create()
    {
        var environment = new CelEnvironment(null, null);
        environment.RegisterFunction("substring", [typeof(string), typeof(long)], static a => Text(a[0])[Index(a[1], Text(a[0]))..]);
        environment.RegisterFunction("substring", [typeof(string), typeof(long), typeof(long)], static a => Substring(Text(a[0]), a[1], a[2]));
        environment.RegisterFunction("split", [typeof(string), typeof(string)], static a => Text(a[0]).Split(Text(a[1])).Cast<object?>().ToList());
        environment.RegisterFunction("lowerAscii", [typeof(string)], static a => Text(a[0]).ToLowerInvariant());
        environment.RegisterFunction("upperAscii", [typeof(string)], static a => Text(a[0]).ToUpperInvariant());
        environment.RegisterFunction("trim", [typeof(string)], static a => Text(a[0]).Trim());
        environment.RegisterFunction("indexOf", [typeof(string), typeof(string)], static a => (long)Text(a[0]).IndexOf(Text(a[1]), StringComparison.Ordinal));
        environment.RegisterFunction("isIP", [typeof(string)], static a => IsIP(Text(a[0])));
        environment.RegisterFunction("isURL", [typeof(string)], static a => Uri.TryCreate(Text(a[0]), UriKind.Absolute, out _));
        environment.RegisterFunction("url", [typeof(string)], static a => Uri.TryCreate(Text(a[0]), UriKind.Absolute, out var uri) ? uri : throw new FormatException($"not a URL: {Text(a[0])}"));
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

    private static int Index(object? value, string text)
    {
        var index = Convert.ToInt64(value, System.Globalization.CultureInfo.InvariantCulture);
        return index < 0 || index > text.Length ? throw new ArgumentOutOfRangeException(nameof(value), $"index {index} out of range") : (int)index;
    }

    private static string Substring(string text, object? start, object? end)
    {
        var from = Index(start, text);
        var to = Index(end, text);
        return to < from ? throw new ArgumentOutOfRangeException(nameof(end), "end before start") : text[from..to];
    }

    // Kubernetes' isIP accepts the canonical textual forms only: no zone, no leading zeros in IPv4.
    private static bool IsIP(string text)
        => IPAddress.TryParse(text, out var address) && !text.Contains('%', StringComparison.Ordinal)
            && (address.AddressFamily != System.Net.Sockets.AddressFamily.InterNetwork || address.ToString() == text);
}
