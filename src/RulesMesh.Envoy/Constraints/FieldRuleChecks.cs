using System.Collections;
using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using Google.Protobuf;
using Google.Protobuf.Reflection;
using Google.Protobuf.WellKnownTypes;
using Validate;

namespace RulesMesh.Xds.Constraints;

/// <summary>
/// The rules protoc-gen-validate puts on one value (a number, string, bytes, enum, duration, timestamp, any), on a
/// repeated field and on a map, with the semantics of its C++ validators, which Envoy runs. Patterns are compiled once
/// per checker.
/// </summary>
internal sealed class FieldRuleChecks
{
    // protoc-gen-validate's known regexes: strict header names and values (RFC 7230), and, with strict = false, any
    // string without NUL, CR or LF for both.
    // Copied as protoc-gen-validate writes it: "+-." is a range (+ , - .), so a comma is allowed.
    private const string StrictHeaderName = "^:?[0-9a-zA-Z!#$%&'*+-.^_|~`]+$";
    private const string StrictHeaderValue = "^[^\\u0000-\\u0008\\u000A-\\u001F\\u007F]*$";
    private const string HeaderString = "^[^\\u0000\\u000A\\u000D]*$";

    private readonly Dictionary<string, Regex> _patterns = new(StringComparer.Ordinal);

    public static void CheckRepeated(IList list, RepeatedRules? rules, string path, List<ConstraintViolation> violations)
    {
        if (rules is null)
        {
            return;
        }

        if (rules.HasMinItems && (ulong)list.Count < rules.MinItems)
        {
            violations.Add(new ConstraintViolation(path, $"must have at least {rules.MinItems} item(s), has {list.Count}"));
        }

        if (rules.HasMaxItems && (ulong)list.Count > rules.MaxItems)
        {
            violations.Add(new ConstraintViolation(path, $"must have at most {rules.MaxItems} item(s), has {list.Count}"));
        }

        if (rules.Unique)
        {
            var seen = new HashSet<object>();
            for (var i = 0; i < list.Count; i++)
            {
                if (list[i] is { } item && !seen.Add(item))
                {
                    violations.Add(new ConstraintViolation($"{path}[{i}]", $"repeats an earlier item ({Show(item)}); items must be unique"));
                }
            }
        }
    }

    public static void CheckMap(IDictionary map, MapRules? rules, FieldDescriptor field, string path, List<ConstraintViolation> violations, Action<object?, FieldDescriptor, FieldRules?, string, List<ConstraintViolation>> checkValue)
    {
        var keyField = field.MessageType.FindFieldByNumber(1);
        var valueField = field.MessageType.FindFieldByNumber(2);
        if (rules is not null && rules.HasMinPairs && (ulong)map.Count < rules.MinPairs)
        {
            violations.Add(new ConstraintViolation(path, $"must have at least {rules.MinPairs} entr(ies), has {map.Count}"));
        }

        if (rules is not null && rules.HasMaxPairs && (ulong)map.Count > rules.MaxPairs)
        {
            violations.Add(new ConstraintViolation(path, $"must have at most {rules.MaxPairs} entr(ies), has {map.Count}"));
        }

        foreach (DictionaryEntry entry in map)
        {
            var entryPath = $"{path}[{Show(entry.Key)}]";
            checkValue(entry.Key, keyField, rules?.Keys, entryPath + " (key)", violations);
            if (entry.Value is null && rules?.NoSparse == true)
            {
                violations.Add(new ConstraintViolation(entryPath, "must have a value"));
            }

            checkValue(entry.Value, valueField, rules?.Values, entryPath, violations);
        }
    }

    /// <summary>The rules of <paramref name="rules"/> that apply to a value, not to its presence or its items.</summary>
    public void CheckValue(object value, FieldDescriptor field, FieldRules rules, string path, List<ConstraintViolation> violations)
    {
        switch (rules.TypeCase)
        {
            case FieldRules.TypeOneofCase.Float:
            case FieldRules.TypeOneofCase.Double:
                CheckNumber(Convert.ToDouble(value, CultureInfo.InvariantCulture), (IMessage)RulesOf(rules), path, violations);
                break;
            case FieldRules.TypeOneofCase.Int32:
            case FieldRules.TypeOneofCase.Int64:
            case FieldRules.TypeOneofCase.Uint32:
            case FieldRules.TypeOneofCase.Uint64:
            case FieldRules.TypeOneofCase.Sint32:
            case FieldRules.TypeOneofCase.Sint64:
            case FieldRules.TypeOneofCase.Fixed32:
            case FieldRules.TypeOneofCase.Fixed64:
            case FieldRules.TypeOneofCase.Sfixed32:
            case FieldRules.TypeOneofCase.Sfixed64:
                CheckNumber(Convert.ToDecimal(value, CultureInfo.InvariantCulture), (IMessage)RulesOf(rules), path, violations);
                break;
            case FieldRules.TypeOneofCase.Bool:
                if (rules.Bool.HasConst && (bool)value != rules.Bool.Const)
                {
                    violations.Add(new ConstraintViolation(path, $"must be {(rules.Bool.Const ? "true" : "false")}"));
                }

                break;
            case FieldRules.TypeOneofCase.String:
                CheckString((string)value, rules.String, path, violations);
                break;
            case FieldRules.TypeOneofCase.Bytes:
                CheckBytes((ByteString)value, rules.Bytes, path, violations);
                break;
            case FieldRules.TypeOneofCase.Enum:
                CheckEnum(Convert.ToInt32(value, CultureInfo.InvariantCulture), field.EnumType, rules.Enum, path, violations);
                break;
            case FieldRules.TypeOneofCase.Duration:
                CheckDuration((Duration)value, rules.Duration, path, violations);
                break;
            case FieldRules.TypeOneofCase.Timestamp:
                CheckTimestamp((Timestamp)value, rules.Timestamp, path, violations);
                break;
            case FieldRules.TypeOneofCase.Any:
                CheckAny((Any)value, rules.Any, path, violations);
                break;
        }
    }

    private static object RulesOf(FieldRules rules) => rules.TypeCase switch
    {
        FieldRules.TypeOneofCase.Float => rules.Float,
        FieldRules.TypeOneofCase.Double => rules.Double,
        FieldRules.TypeOneofCase.Int32 => rules.Int32,
        FieldRules.TypeOneofCase.Int64 => rules.Int64,
        FieldRules.TypeOneofCase.Uint32 => rules.Uint32,
        FieldRules.TypeOneofCase.Uint64 => rules.Uint64,
        FieldRules.TypeOneofCase.Sint32 => rules.Sint32,
        FieldRules.TypeOneofCase.Sint64 => rules.Sint64,
        FieldRules.TypeOneofCase.Fixed32 => rules.Fixed32,
        FieldRules.TypeOneofCase.Fixed64 => rules.Fixed64,
        FieldRules.TypeOneofCase.Sfixed32 => rules.Sfixed32,
        _ => rules.Sfixed64,
    };

    /// <summary>
    /// const, in, not_in and the bounds of the twelve numeric rule messages, which share their field names: a lower and an
    /// upper bound in order make a range the value must be inside, in reverse order one it must be outside.
    /// </summary>
    private static void CheckNumber<T>(T value, IMessage rules, string path, List<ConstraintViolation> violations)
        where T : struct, IComparable<T>
    {
        var fields = rules.Descriptor.Fields;
        if (Bound<T>(rules, fields["const"]) is { } constant && value.CompareTo(constant) != 0)
        {
            violations.Add(new ConstraintViolation(path, $"must be {Show(constant)}, is {Show(value)}"));
        }

        var lt = Bound<T>(rules, fields["lt"]);
        var lte = Bound<T>(rules, fields["lte"]);
        var gt = Bound<T>(rules, fields["gt"]);
        var gte = Bound<T>(rules, fields["gte"]);
        bool? belowUpper = lt is { } l ? value.CompareTo(l) < 0 : lte is { } le ? value.CompareTo(le) <= 0 : null;
        bool? aboveLower = gt is { } g ? value.CompareTo(g) > 0 : gte is { } ge ? value.CompareTo(ge) >= 0 : null;
        var upperText = lt is { } u1 ? $"less than {Show(u1)}" : lte is { } u2 ? $"at most {Show(u2)}" : null;
        var lowerText = gt is { } d1 ? $"greater than {Show(d1)}" : gte is { } d2 ? $"at least {Show(d2)}" : null;
        if (belowUpper is { } below && aboveLower is { } above)
        {
            var upper = (lt ?? lte)!.Value;
            var lower = (gt ?? gte)!.Value;
            var inside = upper.CompareTo(lower) > 0;
            if (inside ? !(below && above) : !(below || above))
            {
                violations.Add(new ConstraintViolation(path, $"must be {lowerText} {(inside ? "and" : "or")} {upperText}, is {Show(value)}"));
            }
        }
        else if (belowUpper == false)
        {
            violations.Add(new ConstraintViolation(path, $"must be {upperText}, is {Show(value)}"));
        }
        else if (aboveLower == false)
        {
            violations.Add(new ConstraintViolation(path, $"must be {lowerText}, is {Show(value)}"));
        }

        var allowed = ((IList)fields["in"].Accessor.GetValue(rules)).Cast<object>().Select(ToNumber<T>).ToList();
        if (allowed.Count > 0 && !allowed.Contains(value))
        {
            violations.Add(new ConstraintViolation(path, $"must be one of {string.Join(", ", allowed.Select(static a => Show(a)))}, is {Show(value)}"));
        }

        var refused = ((IList)fields["not_in"].Accessor.GetValue(rules)).Cast<object>().Select(ToNumber<T>).ToList();
        if (refused.Contains(value))
        {
            violations.Add(new ConstraintViolation(path, $"must not be {Show(value)}"));
        }
    }

    private static T? Bound<T>(IMessage rules, FieldDescriptor field)
        where T : struct
        => field.Accessor.HasValue(rules) ? ToNumber<T>(field.Accessor.GetValue(rules)) : null;

    private static T ToNumber<T>(object value)
        => (T)Convert.ChangeType(value, typeof(T), CultureInfo.InvariantCulture);

    private void CheckString(string value, StringRules rules, string path, List<ConstraintViolation> violations)
    {
        if (rules.IgnoreEmpty && value.Length == 0)
        {
            return;
        }

        var characters = value.EnumerateRunes().Count();
        var bytes = Encoding.UTF8.GetByteCount(value);
        void Fail(string message) => violations.Add(new ConstraintViolation(path, $"{message}, is {Show(value)}"));
        void FailWhen(bool broken, string rule)
        {
            if (broken)
            {
                Fail(rule);
            }
        }

        FailWhen(rules.HasConst && value != rules.Const, $"must be {Show(rules.Const)}");
        FailWhen(rules.HasLen && (ulong)characters != rules.Len, $"must be {rules.Len} character(s) long");
        FailWhen(rules.HasMinLen && (ulong)characters < rules.MinLen, $"must be at least {rules.MinLen} character(s) long");
        FailWhen(rules.HasMaxLen && (ulong)characters > rules.MaxLen, $"must be at most {rules.MaxLen} character(s) long");
        FailWhen(rules.HasLenBytes && (ulong)bytes != rules.LenBytes, $"must be {rules.LenBytes} byte(s) long");
        FailWhen(rules.HasMinBytes && (ulong)bytes < rules.MinBytes, $"must be at least {rules.MinBytes} byte(s) long");
        FailWhen(rules.HasMaxBytes && (ulong)bytes > rules.MaxBytes, $"must be at most {rules.MaxBytes} byte(s) long");
        FailWhen(rules.HasPattern && !Pattern(rules.Pattern).IsMatch(value), $"must match the pattern {rules.Pattern}");
        FailWhen(rules.HasPrefix && !value.StartsWith(rules.Prefix, StringComparison.Ordinal), $"must start with {Show(rules.Prefix)}");
        FailWhen(rules.HasSuffix && !value.EndsWith(rules.Suffix, StringComparison.Ordinal), $"must end with {Show(rules.Suffix)}");
        FailWhen(rules.HasContains && !value.Contains(rules.Contains, StringComparison.Ordinal), $"must contain {Show(rules.Contains)}");
        FailWhen(rules.HasNotContains && value.Contains(rules.NotContains, StringComparison.Ordinal), $"must not contain {Show(rules.NotContains)}");
        FailWhen(rules.In.Count > 0 && !rules.In.Contains(value), $"must be one of {string.Join(", ", rules.In.Select(Show))}");
        FailWhen(rules.NotIn.Contains(value), "must not be this value");

        var wellKnown = rules.WellKnownCase switch
        {
            StringRules.WellKnownOneofCase.Hostname when rules.Hostname && !WellKnownStrings.IsHostname(value) => "must be a host name",
            StringRules.WellKnownOneofCase.Ip when rules.Ip && !WellKnownStrings.IsIp(value, null) => "must be an IP address",
            StringRules.WellKnownOneofCase.Ipv4 when rules.Ipv4 && !WellKnownStrings.IsIp(value, System.Net.Sockets.AddressFamily.InterNetwork) => "must be an IPv4 address",
            StringRules.WellKnownOneofCase.Ipv6 when rules.Ipv6 && !WellKnownStrings.IsIp(value, System.Net.Sockets.AddressFamily.InterNetworkV6) => "must be an IPv6 address",
            StringRules.WellKnownOneofCase.Address when rules.Address && !WellKnownStrings.IsIp(value, null) && !WellKnownStrings.IsHostname(value) => "must be an IP address or a host name",
            StringRules.WellKnownOneofCase.Uri when rules.Uri && !Uri.TryCreate(value, UriKind.Absolute, out _) => "must be an absolute URI",
            StringRules.WellKnownOneofCase.UriRef when rules.UriRef && !Uri.TryCreate(value, UriKind.RelativeOrAbsolute, out _) => "must be a URI reference",
            StringRules.WellKnownOneofCase.Email when rules.Email && !WellKnownStrings.IsEmail(value) => "must be an email address",
            StringRules.WellKnownOneofCase.Uuid when rules.Uuid && !Guid.TryParseExact(value, "D", out _) => "must be a UUID",
            StringRules.WellKnownOneofCase.WellKnownRegex => KnownRegex(value, rules.WellKnownRegex, rules.Strict),
            _ => null,
        };
        if (wellKnown is not null)
        {
            Fail(wellKnown);
        }
    }

    private string? KnownRegex(string value, KnownRegex known, bool strict) => known switch
    {
        Validate.KnownRegex.HttpHeaderName when !Pattern(strict ? StrictHeaderName : HeaderString).IsMatch(value) => "must be an HTTP header name",
        Validate.KnownRegex.HttpHeaderValue when !Pattern(strict ? StrictHeaderValue : HeaderString).IsMatch(value) => "must be an HTTP header value (no NUL, CR or LF)",
        _ => null,
    };

    private void CheckBytes(ByteString value, BytesRules rules, string path, List<ConstraintViolation> violations)
    {
        var length = (ulong)value.Length;
        if (rules.HasConst && value != rules.Const)
        {
            violations.Add(new ConstraintViolation(path, "must be the constant the proto declares"));
        }

        if ((rules.HasLen && length != rules.Len) || (rules.HasMinLen && length < rules.MinLen) || (rules.HasMaxLen && length > rules.MaxLen))
        {
            violations.Add(new ConstraintViolation(path, $"has {length} byte(s), outside what the proto allows"));
        }

        if (rules.HasPattern && !Pattern(rules.Pattern).IsMatch(value.ToStringUtf8()))
        {
            violations.Add(new ConstraintViolation(path, $"must match the pattern {rules.Pattern}"));
        }

        var span = value.Span;
        if ((rules.HasPrefix && !span.StartsWith(rules.Prefix.Span)) || (rules.HasSuffix && !span.EndsWith(rules.Suffix.Span))
            || (rules.HasContains && span.IndexOf(rules.Contains.Span) < 0))
        {
            violations.Add(new ConstraintViolation(path, "does not have the prefix, suffix or contents the proto asks for"));
        }

        if ((rules.In.Count > 0 && !rules.In.Contains(value)) || rules.NotIn.Contains(value))
        {
            violations.Add(new ConstraintViolation(path, "is not one of the values the proto allows"));
        }

        var ipLength = rules.WellKnownCase switch
        {
            BytesRules.WellKnownOneofCase.Ip when rules.Ip => length is 4 or 16,
            BytesRules.WellKnownOneofCase.Ipv4 when rules.Ipv4 => length == 4,
            BytesRules.WellKnownOneofCase.Ipv6 when rules.Ipv6 => length == 16,
            _ => true,
        };
        if (!ipLength)
        {
            violations.Add(new ConstraintViolation(path, $"must be an IP address in bytes, has {length} byte(s)"));
        }
    }

    private static void CheckEnum(int value, EnumDescriptor type, EnumRules rules, string path, List<ConstraintViolation> violations)
    {
        if (rules.HasConst && value != rules.Const)
        {
            violations.Add(new ConstraintViolation(path, $"must be {Name(type, rules.Const)}, is {Name(type, value)}"));
        }

        if (rules.DefinedOnly && type.FindValueByNumber(value) is null)
        {
            violations.Add(new ConstraintViolation(path, $"must be one of the values {type.FullName} defines, is {value}"));
        }

        if ((rules.In.Count > 0 && !rules.In.Contains(value)) || rules.NotIn.Contains(value))
        {
            violations.Add(new ConstraintViolation(path, $"must not be {Name(type, value)} here"));
        }
    }

    private static void CheckDuration(Duration value, DurationRules rules, string path, List<ConstraintViolation> violations)
    {
        if (value.Nanos is <= -Duration.NanosecondsPerSecond or >= Duration.NanosecondsPerSecond
            || (value.Seconds > 0 && value.Nanos < 0) || (value.Seconds < 0 && value.Nanos > 0))
        {
            violations.Add(new ConstraintViolation(path, $"is not a valid duration (seconds {value.Seconds}, nanos {value.Nanos})"));
            return;
        }

        CheckNumber(Seconds(value.Seconds, value.Nanos), DurationBounds(rules), path, violations);
    }

    private static void CheckTimestamp(Timestamp value, TimestampRules rules, string path, List<ConstraintViolation> violations)
    {
        var seconds = Seconds(value.Seconds, value.Nanos);
        void Bound(bool has, Timestamp bound, Func<int, bool> holds, string words)
        {
            if (has && !holds(seconds.CompareTo(Seconds(bound.Seconds, bound.Nanos))))
            {
                violations.Add(new ConstraintViolation(path, $"must be {words} {bound}"));
            }
        }

        Bound(rules.Const is not null, rules.Const!, static c => c == 0, "exactly");
        Bound(rules.Lt is not null, rules.Lt!, static c => c < 0, "before");
        Bound(rules.Lte is not null, rules.Lte!, static c => c <= 0, "at or before");
        Bound(rules.Gt is not null, rules.Gt!, static c => c > 0, "after");
        Bound(rules.Gte is not null, rules.Gte!, static c => c >= 0, "at or after");
    }

    private static void CheckAny(Any value, AnyRules rules, string path, List<ConstraintViolation> violations)
    {
        if ((rules.In.Count > 0 && !rules.In.Contains(value.TypeUrl)) || rules.NotIn.Contains(value.TypeUrl))
        {
            violations.Add(new ConstraintViolation(path, $"must not hold a {value.TypeUrl} here"));
        }
    }

    /// <summary>A duration's rules as the bounds of a number of seconds, so they read as the numeric rules do.</summary>
    private static DoubleRules DurationBounds(DurationRules rules)
    {
        var bounds = new DoubleRules();
        if (rules.Const is { } constant)
        {
            bounds.Const = (double)Seconds(constant.Seconds, constant.Nanos);
        }

        if (rules.Lt is { } lt)
        {
            bounds.Lt = (double)Seconds(lt.Seconds, lt.Nanos);
        }

        if (rules.Lte is { } lte)
        {
            bounds.Lte = (double)Seconds(lte.Seconds, lte.Nanos);
        }

        if (rules.Gt is { } gt)
        {
            bounds.Gt = (double)Seconds(gt.Seconds, gt.Nanos);
        }

        if (rules.Gte is { } gte)
        {
            bounds.Gte = (double)Seconds(gte.Seconds, gte.Nanos);
        }

        bounds.In.AddRange(rules.In.Select(static d => (double)Seconds(d.Seconds, d.Nanos)));
        bounds.NotIn.AddRange(rules.NotIn.Select(static d => (double)Seconds(d.Seconds, d.Nanos)));
        return bounds;
    }

    private static decimal Seconds(long seconds, int nanos) => seconds + (nanos / 1_000_000_000m);

    private Regex Pattern(string pattern)
    {
        if (!_patterns.TryGetValue(pattern, out var regex))
        {
            // RE2 patterns as the protos write them read the same in .NET, without backtracking.
            regex = new Regex(pattern, RegexOptions.CultureInvariant | RegexOptions.NonBacktracking);
            _patterns.Add(pattern, regex);
        }

        return regex;
    }

    private static string Name(EnumDescriptor type, int value) => type.FindValueByNumber(value)?.Name ?? value.ToString(CultureInfo.InvariantCulture);

    private static string Show(object value) => value switch
    {
        string text => $"\"{text}\"",
        IFormattable formattable => formattable.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? string.Empty,
    };
}
