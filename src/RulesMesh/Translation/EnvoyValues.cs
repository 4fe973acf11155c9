using System.Globalization;
using System.Text;

namespace RulesMesh.Translation;

/// <summary>
/// Checks of values at the point they are written into Envoy configuration, for the values Envoy (or a gRPC xDS client)
/// would refuse, so that translation drops them with a warning instead of having the whole resource NACKed. Each check
/// returns null for a good value, else the problem in words that follow the field path in a warning.
/// </summary>
public static class EnvoyValues
{
    /// <summary>The highest TCP port.</summary>
    public const int MaxPort = 65535;

    /// <summary>The problem with <paramref name="pattern"/> as an Envoy <c>safe_regex</c>: not valid RE2, or empty (Envoy requires at least one character).</summary>
    public static string? RegexProblem(string pattern)
    {
        if (pattern.Length == 0)
        {
            return "an empty regular expression is not allowed";
        }

        return Re2Syntax.Error(pattern) is { } error ? $"{Quote(pattern)} is not a valid RE2 regular expression ({error})" : null;
    }

    /// <summary>
    /// The problem with <paramref name="name"/> as an HTTP header name: empty, or not an RFC 9110 token (which also
    /// keeps out control characters and the <c>:</c> of pseudo-headers, which Envoy refuses to modify).
    /// </summary>
    public static string? HeaderNameProblem(string name)
    {
        if (name.Length == 0)
        {
            return "the header name is empty";
        }

        foreach (var c in name)
        {
            if (!IsTokenChar(c))
            {
                return $"header name {Quote(name)} contains {Describe(c)}, which is not allowed in a header name";
            }
        }

        return null;
    }

    /// <summary>
    /// The problem with <paramref name="name"/> as a header a route adds, sets or removes: a bad name (see
    /// <see cref="HeaderNameProblem"/>), or <c>host</c>, which Envoy refuses to let routes modify or remove (the
    /// authority is rewritten with a URLRewrite filter's hostname instead).
    /// </summary>
    public static string? HeaderModificationProblem(string name)
        => HeaderNameProblem(name) ?? (string.Equals(name, "host", StringComparison.OrdinalIgnoreCase)
            ? $"header {Quote(name)} cannot be modified or removed by a route in Envoy (a URLRewrite filter's hostname rewrites it)"
            : null);

    /// <summary>The problem with <paramref name="value"/> as an HTTP header value (or a value Envoy writes into one): a control character other than tab.</summary>
    public static string? HeaderValueProblem(string value)
    {
        foreach (var c in value)
        {
            if (IsForbiddenInValue(c))
            {
                return $"{Quote(value)} contains {Describe(c)}, which is not allowed in an HTTP header";
            }
        }

        return null;
    }

    /// <summary>The problem with <paramref name="port"/> as a TCP port: outside 1–65535.</summary>
    public static string? PortProblem(long port)
        => port is < 1 or > MaxPort ? string.Create(CultureInfo.InvariantCulture, $"port {port} is outside 1-65535") : null;

    /// <summary><paramref name="text"/> in double quotes, control characters, quotes and backslashes escaped as in JSON, so a message stays one line.</summary>
    public static string Quote(string text)
    {
        var quoted = new StringBuilder(text.Length + 2).Append('"');
        foreach (var c in text)
        {
            _ = c switch
            {
                '"' => quoted.Append("\\\""),
                '\\' => quoted.Append(@"\\"),
                '\n' => quoted.Append(@"\n"),
                '\r' => quoted.Append(@"\r"),
                '\t' => quoted.Append(@"\t"),
                _ when char.IsControl(c) => quoted.Append(CultureInfo.InvariantCulture, $"\\u{(int)c:x4}"),
                _ => quoted.Append(c),
            };
        }

        return quoted.Append('"').ToString();
    }

    private static bool IsForbiddenInValue(char c) => (c < 0x20 && c != '\t') || c == 0x7F;

    // RFC 9110 §5.6.2 tchar.
    private static bool IsTokenChar(char c) => char.IsAsciiLetterOrDigit(c) || "!#$%&'*+-.^_`|~".Contains(c, StringComparison.Ordinal);

    private static string Describe(char c) => c switch
    {
        '\r' => "a carriage return (CR)",
        '\n' => "a line feed (LF)",
        '\0' => "a NUL character",
        _ when char.IsControl(c) => string.Create(CultureInfo.InvariantCulture, $"the control character U+{(int)c:X4}"),
        _ => $"'{c}'",
    };
}
