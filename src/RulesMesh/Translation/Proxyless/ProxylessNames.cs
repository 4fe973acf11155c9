using System.Globalization;
using k8s.Models;
using RulesMesh.Mesh;

namespace RulesMesh.Translation.Proxyless;

/// <summary>The names proxyless gRPC clients ask for: listeners and route configurations by authority, and the domains of its virtual host.</summary>
public static class ProxylessNames
{
    /// <summary>
    /// The listener (and route configuration) for <paramref name="host"/> and <paramref name="port"/>:
    /// <c>&lt;host&gt;:&lt;port&gt;</c>, what a channel to <c>xds:///&lt;host&gt;:&lt;port&gt;</c> asks for.
    /// </summary>
    public static string Listener(string host, int port) => string.Create(CultureInfo.InvariantCulture, $"{host}:{port}");

    /// <summary>
    /// The authorities the virtual host answers: the host and <c>host:port</c>; for a Kubernetes Service also the short
    /// forms Istio gives: <c>name</c>, <c>name.ns</c>, <c>name.ns.svc</c> and each shorter form of the cluster domain
    /// (<c>name.ns.svc.cluster</c> for <c>cluster.local</c>), each with and without the port.
    /// </summary>
    public static IReadOnlyList<string> Domains(MeshService service, string host, int port, string clusterDomain)
    {
        ArgumentNullException.ThrowIfNull(service);
        var names = new List<string> { host };
        if (service.Source is V1Service)
        {
            var svc = $"{service.Name}.{service.Namespace}.svc";
            names.AddRange([service.Name, $"{service.Name}.{service.Namespace}", svc]);
            var labels = clusterDomain.Split('.', StringSplitOptions.RemoveEmptyEntries);
            for (var i = 1; i < labels.Length; i++)
            {
                names.Add($"{svc}.{string.Join('.', labels[..i])}");
            }

            names.Add($"{svc}.{clusterDomain}");
        }

        var distinct = names.Distinct(StringComparer.Ordinal).ToList();
        return [.. distinct, .. distinct.Select(n => Listener(n, port))];
    }
}
