using System.CommandLine;
using System.Text.RegularExpressions;

namespace RulesMesh.Cli.Commands;

/// <summary>
/// <c>--cluster-domain</c>: the Kubernetes cluster domain of Service hostnames (<c>name.namespace.svc.&lt;domain&gt;</c>).
/// Unset, it is found as kgateway finds its own (docs/spec/kgateway-destinationrule-priorities.md §A1): the search
/// domain of /etc/resolv.conf that starts with <c>svc.</c> (a pod's resolv.conf has one), else the environment variable
/// <c>CLUSTER_DOMAIN</c>, else <c>cluster.local</c>.
/// </summary>
internal static partial class ClusterDomainOption
{
    /// <summary>The domain when nothing names one.</summary>
    public const string Default = "cluster.local";

    /// <summary>The environment variable kgateway reads after resolv.conf.</summary>
    public const string EnvironmentVariable = "CLUSTER_DOMAIN";

    private const string ResolvConf = "/etc/resolv.conf";

    public static Option<string?> Create() => new("--cluster-domain")
    {
        Description = $"The Kubernetes cluster domain of Service hostnames (name.namespace.svc.<domain>). Default: the svc. search domain of {ResolvConf}, else ${EnvironmentVariable}, else {Default}.",
        HelpName = "domain",
    };

    /// <summary>The domain given, or found when none is; null, after telling why on <paramref name="error"/>, when it is not a DNS name.</summary>
    public static string? Resolve(string? given, TextWriter error)
    {
        var domain = given ?? Find(File.Exists(ResolvConf) ? File.ReadAllText(ResolvConf) : null, Environment.GetEnvironmentVariable(EnvironmentVariable));
        if (domain.Length <= 253 && DnsSubdomain().IsMatch(domain))
        {
            return domain;
        }

        var from = given is not null ? "--cluster-domain" : $"the cluster domain (from {ResolvConf} or ${EnvironmentVariable})";
        error.WriteLine($"{from} '{domain}' is not a DNS name: lowercase letters, digits, '-' and '.', starting and ending with a letter or digit.");
        return null;
    }

    /// <summary>
    /// The domain kgateway's <c>GetClusterDomainName</c> finds in <paramref name="resolvConf"/> (the text of
    /// /etc/resolv.conf, or null), else <paramref name="environment"/> (CLUSTER_DOMAIN), else <see cref="Default"/>.
    /// </summary>
    public static string Find(string? resolvConf, string? environment)
    {
        foreach (var line in (resolvConf ?? string.Empty).Split('\n'))
        {
            var fields = line.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
            if (fields is ["search", ..])
            {
                foreach (var search in fields[1..])
                {
                    if (search.StartsWith("svc.", StringComparison.Ordinal) && search.Length > "svc.".Length)
                    {
                        return search["svc.".Length..].TrimEnd('.');
                    }
                }
            }
        }

        return string.IsNullOrEmpty(environment) ? Default : environment;
    }

    [GeneratedRegex("^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$", RegexOptions.CultureInvariant)]
    private static partial Regex DnsSubdomain();
}
