using System.CommandLine;
using RulesMesh.Loading;

namespace RulesMesh.Cli.Commands;

/// <summary>
/// <c>--cluster-domain</c>: the Kubernetes cluster domain of Service hostnames (<c>name.namespace.svc.&lt;domain&gt;</c>).
/// Unset, it is found as kgateway finds its own (docs/spec/kgateway-destinationrule-priorities.md §A1): the search
/// domain of /etc/resolv.conf that starts with <c>svc.</c> (a pod's resolv.conf has one), else the environment variable
/// <c>CLUSTER_DOMAIN</c>, else <c>cluster.local</c>.
/// </summary>
internal static class ClusterDomainOption
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

    /// <summary>
    /// The domain given, or found when none is; null, after telling why on <paramref name="error"/>, when the one given is
    /// not a DNS name. One found that is not (a stray value in the environment) is warned about and the default used.
    /// </summary>
    public static string? Resolve(string? given, TextWriter error)
    {
        if (given is not null)
        {
            if (IsDnsName(given))
            {
                return given;
            }

            error.WriteLine($"--cluster-domain '{given}' is not a DNS name: lowercase letters, digits, '-' and '.', starting and ending with a letter or digit.");
            return null;
        }

        var found = Find(ReadResolvConf(), Environment.GetEnvironmentVariable(EnvironmentVariable));
        if (IsDnsName(found))
        {
            return found;
        }

        error.WriteLine($"warning: the cluster domain '{found}' (from {ResolvConf} or ${EnvironmentVariable}) is not a DNS name; {Default} is used.");
        return Default;
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
                    if (search.StartsWith("svc.", StringComparison.OrdinalIgnoreCase) && search.Length > "svc.".Length)
                    {
                        return Normalize(search["svc.".Length..]);
                    }
                }
            }
        }

        return string.IsNullOrWhiteSpace(environment) ? Default : Normalize(environment);
    }

    // DNS names are case-insensitive and may end in the root's dot: cluster.local. is cluster.local.
    private static string Normalize(string domain) => domain.Trim().TrimEnd('.').ToLowerInvariant();

    private static bool IsDnsName(string domain) => DnsNames.IsDns1123Subdomain(System.Text.Encoding.UTF8.GetBytes(domain));

    private static string? ReadResolvConf()
    {
        try
        {
            return File.Exists(ResolvConf) ? File.ReadAllText(ResolvConf) : null;
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }
}
