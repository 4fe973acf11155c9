using System.Text;
using Envoy.Config.Route.V3;
using Envoy.Type.Matcher.V3;

namespace RulesMesh.Translation.Policy;

/// <summary>Istio's <c>pilot/pkg/networking/util/matcher</c> helpers, as the RBAC builder uses them.</summary>
internal static class IstioMatchers
{
    /// <summary>Istio's <c>StringMatcher</c>: <c>*</c> → regex <c>.+</c>, <c>*x</c> → suffix, <c>x*</c> → prefix, else exact.</summary>
    public static StringMatcher String(string value) => StringWithPrefix(value, string.Empty);

    /// <summary>
    /// Istio's <c>StringMatcherWithPrefix</c>: like <see cref="String"/> with <paramref name="prefix"/> put before the
    /// value; a leading wildcard with a prefix becomes a regex, and the lone wildcard ignores the prefix.
    /// </summary>
    public static StringMatcher StringWithPrefix(string value, string prefix)
    {
        if (value == "*")
        {
            return Regex(".+");
        }

        if (value.StartsWith('*'))
        {
            return prefix.Length == 0
                ? new StringMatcher { Suffix = value[1..] }
                : Regex(QuoteMeta(prefix) + ".*" + QuoteMeta(value[1..]));
        }

        if (value.EndsWith('*'))
        {
            return new StringMatcher { Prefix = prefix + value[..^1] };
        }

        return new StringMatcher { Exact = prefix + value };
    }

    /// <summary>A safe-regex string matcher.</summary>
    public static StringMatcher Regex(string regex) => new() { SafeRegex = new RegexMatcher { Regex = regex } };

    /// <summary>Istio's <c>HeaderMatcher</c>: <c>*</c> → present, <c>*x</c> → suffix, <c>x*</c> → prefix, else exact.</summary>
    public static HeaderMatcher Header(string name, string value)
    {
        if (value == "*")
        {
            return new HeaderMatcher { Name = name, PresentMatch = true };
        }

        var match = value.StartsWith('*') ? new StringMatcher { Suffix = value[1..] }
            : value.EndsWith('*') ? new StringMatcher { Prefix = value[..^1] }
            : new StringMatcher { Exact = value };
        return new HeaderMatcher { Name = name, StringMatch = match };
    }

    /// <summary>Istio's <c>HostMatcher</c>: as <see cref="Header"/>, but case-insensitive.</summary>
    public static HeaderMatcher Host(string name, string value)
    {
        if (value == "*")
        {
            return new HeaderMatcher { Name = name, PresentMatch = true };
        }

        var match = value.StartsWith('*') ? new StringMatcher { Suffix = value[1..] }
            : value.EndsWith('*') ? new StringMatcher { Prefix = value[..^1] }
            : new StringMatcher { Exact = value };
        match.IgnoreCase = true;
        return new HeaderMatcher { Name = name, StringMatch = match };
    }

    /// <summary>Istio's <c>PathMatcher</c>: the path as a <see cref="String"/> matcher.</summary>
    public static PathMatcher Path(string path) => new() { Path = String(path) };

    /// <summary>Istio's <c>MetadataStringMatcher</c>: <paramref name="key"/> of <paramref name="filter"/>'s dynamic metadata.</summary>
    public static MetadataMatcher MetadataString(string filter, string key, StringMatcher value)
    {
        var matcher = new MetadataMatcher { Filter = filter, Value = new ValueMatcher { StringMatch = value } };
        matcher.Path.Add(new MetadataMatcher.Types.PathSegment { Key = key });
        return matcher;
    }

    /// <summary>Istio's <c>MetadataListMatcher</c>: a list at <paramref name="keys"/> with one element matching <paramref name="value"/>.</summary>
    public static MetadataMatcher MetadataList(string filter, IEnumerable<string> keys, StringMatcher value)
    {
        var matcher = new MetadataMatcher
        {
            Filter = filter,
            Value = new ValueMatcher { ListMatch = new ListMatcher { OneOf = new ValueMatcher { StringMatch = value } } },
        };
        matcher.Path.AddRange(keys.Select(static k => new MetadataMatcher.Types.PathSegment { Key = k }));
        return matcher;
    }

    /// <summary>Go's <c>regexp.QuoteMeta</c>: escapes <c>\.+*?()|[]{}^$</c>.</summary>
    public static string QuoteMeta(string text)
    {
        var builder = new StringBuilder(text.Length);
        foreach (var c in text)
        {
            if (@"\.+*?()|[]{}^$".Contains(c, StringComparison.Ordinal))
            {
                builder.Append('\\');
            }

            builder.Append(c);
        }

        return builder.ToString();
    }
}
