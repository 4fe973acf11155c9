using System.Globalization;
using System.Text;
using RulesMesh.Mesh;
using RulesMesh.Rules.Declarative;

namespace RulesMesh.Naming;

/// <summary>The logic behind <see cref="ClusterNameFormatAttribute"/>: fills the placeholders of a name format.</summary>
public static class ClusterNameFormat
{
    /// <summary>Fills <paramref name="format"/> for <paramref name="target"/>.</summary>
    public static string Apply(string format, BackendTarget target)
    {
        var builder = new StringBuilder(format.Length + 32);
        var i = 0;
        while (i < format.Length)
        {
            var open = format.IndexOf('{', i);
            var close = open < 0 ? -1 : format.IndexOf('}', open);
            if (close < 0)
            {
                builder.Append(format, i, format.Length - i);
                break;
            }

            builder.Append(format, i, open - i);
            builder.Append(Value(format[(open + 1)..close], target) ?? format[open..(close + 1)]);
            i = close + 1;
        }

        return builder.ToString();
    }

    private static string? Value(string placeholder, BackendTarget target) => placeholder switch
    {
        "namespace" => target.Service.Namespace,
        "name" => target.Service.Name,
        "host" => target.Host,
        "port" => target.Port.ToString(CultureInfo.InvariantCulture),
        "kind" => target.Service.Kind,
        "group" => target.Service.Group,
        _ => null,
    };
}
