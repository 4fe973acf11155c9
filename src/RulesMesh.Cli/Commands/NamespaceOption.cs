using System.CommandLine;
using System.Text;
using RulesMesh.Loading;

namespace RulesMesh.Cli.Commands;

/// <summary>
/// kubectl's <c>-n</c>: the namespace of objects whose manifest names none, and of a <c>--gateway</c> given by name
/// alone. It must be a namespace name (a DNS-1123 label), as the API server requires of a Namespace: anything else would
/// end up in cluster and chain names Envoy cannot match.
/// </summary>
internal static class NamespaceOption
{
    public static Option<string?> Create() => new("--namespace", "-n")
    {
        Description = "The namespace of objects whose manifest names none (default: default) and of a --gateway given by name alone (as kubectl -n).",
        HelpName = "namespace",
    };

    /// <summary>Whether <paramref name="given"/> is unset or a namespace name; tells why not on <paramref name="error"/>.</summary>
    public static bool IsValid(string? given, TextWriter error)
    {
        if (given is null || DnsNames.IsDns1123Label(Encoding.UTF8.GetBytes(given)))
        {
            return true;
        }

        error.WriteLine($"--namespace or -n '{given}' is not a namespace name: a DNS-1123 label of {DnsNames.Dns1123LabelRule}.");
        return false;
    }
}
