using System.Globalization;
using System.Runtime.CompilerServices;
using RulesMesh.Mesh;
using RulesMesh.Rules.Declarative;

namespace RulesMesh.Naming;

/// <summary>The logic behind <see cref="ClusterNameFormatAttribute"/>: fills the placeholders of a name format.</summary>
public static class ClusterNameFormat
{
    /// <summary>Fills <paramref name="format"/> for <paramref name="target"/>.</summary>
    public static string Apply(string format, BackendTarget target)
    {
        // Every backend is named here: the name is written on the stack and made once (no builder, no placeholder
        // substrings, no text for the port number).
        var name = new DefaultInterpolatedStringHandler(0, 0, CultureInfo.InvariantCulture, stackalloc char[256]);
        var text = format.AsSpan();
        var i = 0;
        while (i < text.Length)
        {
            var open = text[i..].IndexOf('{');
            var close = open < 0 ? -1 : text[(i + open)..].IndexOf('}');
            if (close < 0)
            {
                name.AppendFormatted(text[i..]);
                break;
            }

            open += i;
            close += open;
            name.AppendFormatted(text[i..open]);
            Append(ref name, text[(open + 1)..close], text[open..(close + 1)], target);
            i = close + 1;
        }

        return name.ToStringAndClear();
    }

    /// <summary>Appends the value of <paramref name="placeholder"/>, or <paramref name="verbatim"/> (the braces and all) when it names none.</summary>
    private static void Append(ref DefaultInterpolatedStringHandler name, ReadOnlySpan<char> placeholder, ReadOnlySpan<char> verbatim, BackendTarget target)
    {
        if (placeholder is "port")
        {
            name.AppendFormatted(target.Port);
            return;
        }

        var value = placeholder switch
        {
            "namespace" => target.Service.Namespace,
            "name" => target.Service.Name,
            "host" => target.Host,
            "kind" => target.Service.Kind,
            "group" => target.Service.Group,
            _ => null,
        };
        if (value is null)
        {
            name.AppendFormatted(verbatim);
        }
        else
        {
            name.AppendFormatted(value);
        }
    }
}
