using RulesMesh.Mesh;
using RulesMesh.Rules;

namespace RulesMesh.Translation.Backends;

/// <summary>
/// kgateway's Kubernetes Service backends (docs/spec/kgateway-waypoint.md §3.2): one backend per port, its host the Service's cluster FQDN
/// <c>&lt;name&gt;.&lt;ns&gt;.svc.&lt;cluster domain&gt;</c>, no aliases, the cluster named by the naming stage.
/// </summary>
[Rule("kgateway.backends.service", Order = 100,
    Description = "A Service has one backend per port, for host <name>.<namespace>.svc.<cluster domain>, with no aliases.")]
[AppliesTo("", "Service")]
public sealed class ServiceBackends : IBackendsRule
{
    /// <inheritdoc />
    public IReadOnlyList<BackendObject>? Backends(MeshService service, TranslationContext context)
    {
        var host = service.Hostnames.Count > 0 ? service.Hostnames[0] : $"{service.Name}.{service.Namespace}.svc.{context.Settings.ClusterDomain}";
        // Every Service asks: a loop, not a chain of LINQ closures. Of the usable ports, the first of each number counts.
        var ports = service.Ports;
        var backends = new List<BackendObject>(ports.Count);
        for (var i = 0; i < ports.Count; i++)
        {
            var port = ports[i];
            if (BackendNaming.CheckPort(context, service, port) && !HasPort(backends, port.Port))
            {
                backends.Add(new BackendObject(service, port, host, BackendNaming.ClusterName(context, service, port, host, extraKey: null), []));
            }
        }

        return backends;
    }

    private static bool HasPort(List<BackendObject> backends, int number)
    {
        foreach (var backend in backends)
        {
            if (backend.Port.Port == number)
            {
                return true;
            }
        }

        return false;
    }
}
