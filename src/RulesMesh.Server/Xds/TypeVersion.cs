using System.Globalization;
using System.IO.Hashing;
using System.Text;
using RulesMesh.Engine;

namespace RulesMesh.Server.Xds;

/// <summary>
/// The version of a set of resources of one type: the XxHash3 (16 hex digits) of the UTF-8 text
/// <c>name NUL version LF</c> for each resource in ordinal name order. Equal sets have equal versions on every server
/// and after every restart, so a reconnecting proxy that reports the version it has is sent nothing when nothing changed.
/// </summary>
internal static class TypeVersion
{
    /// <summary>The version of the given (name, resource version) pairs, whatever order they come in.</summary>
    public static string Of(IEnumerable<KeyValuePair<string, VersionedResource>> resourcesByName)
        => Of(resourcesByName.Select(static r => KeyValuePair.Create(r.Key, r.Value.Version)));

    /// <summary>The version of the given (name, resource version) pairs, whatever order they come in.</summary>
    public static string Of(IEnumerable<KeyValuePair<string, string>> versionsByName)
    {
        var text = new StringBuilder();
        foreach (var (name, version) in versionsByName.OrderBy(static p => p.Key, StringComparer.Ordinal))
        {
            text.Append(name).Append('\0').Append(version).Append('\n');
        }

        return XxHash3.HashToUInt64(Encoding.UTF8.GetBytes(text.ToString())).ToString("x16", CultureInfo.InvariantCulture);
    }
}
