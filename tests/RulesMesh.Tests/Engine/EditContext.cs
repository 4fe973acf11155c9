using System.Globalization;

namespace RulesMesh.Tests.Engine;

/// <summary>What a mutation may read to choose its value: the objects present and the edit's value number.</summary>
/// <param name="Objects">The objects present before the edit.</param>
/// <param name="Value">The edit's value number; a mutation picks its value with it (modulo its choices).</param>
internal sealed record EditContext(ObjectSet Objects, int Value)
{
    /// <summary>One of <paramref name="options"/>, by <see cref="Value"/>.</summary>
    public T Choose<T>(params IReadOnlyList<T> options) => options[Value % options.Count];

    /// <summary><see cref="Value"/> as text.</summary>
    public string Number => Value.ToString(CultureInfo.InvariantCulture);

    /// <summary>The names of the Gateways present (distinct, in order), or a name that matches none.</summary>
    public IReadOnlyList<string> GatewayNames => Distinct(Objects.OfKind("Gateway").Select(static g => g.Metadata.Name), "missing-waypoint");

    /// <summary>The classes of the Gateways present, then kgateway's two.</summary>
    public IReadOnlyList<string> GatewayClassNames
        => Distinct(Objects.OfKind("Gateway").OfType<Models.GatewayNetworkingK8sIo.V1.Gateway>().Select(static g => g.Spec.GatewayClassName).Concat(["kgateway", "kgateway-waypoint"]), "kgateway");

    /// <summary>The namespaces objects live in and the Namespaces present.</summary>
    public IReadOnlyList<string> Namespaces
        => Distinct(Objects.Objects.Select(static o => o.Kind == "Namespace" ? o.Metadata.Name : o.Metadata.NamespaceProperty).OfType<string>().Where(static n => n.Length > 0), "default");

    /// <summary>The Services present as (namespace, name, first port).</summary>
    public IReadOnlyList<(string Namespace, string Name, int Port)> Services
    {
        get
        {
            var services = Objects.OfKind("Service").OfType<k8s.Models.V1Service>()
                .Select(static s => (s.Metadata.NamespaceProperty ?? "default", s.Metadata.Name, s.Spec?.Ports?.FirstOrDefault()?.Port ?? 80))
                .ToList();
            return services.Count > 0 ? services : [("default", "missing-service", 80)];
        }
    }

    /// <summary>The hosts of the ServiceEntries present, or a host that matches none.</summary>
    public IReadOnlyList<string> EntryHosts
        => Distinct(Objects.OfKind("ServiceEntry").OfType<Models.NetworkingIstioIo.V1.ServiceEntry>().SelectMany(static e => e.Spec?.Hosts ?? []), "missing.example.com");

    /// <summary>The <c>app</c> label values of Pods, WorkloadEntries and selectors present, and one that matches nothing.</summary>
    public IReadOnlyList<string> AppLabels
        => Distinct(Objects.Objects.SelectMany(static o => o.Metadata.Labels?.Where(static l => l.Key == "app").Select(static l => l.Value) ?? []).Append("unmatched"), "unmatched");

    /// <summary>The Nodes present, or a name that matches none.</summary>
    public IReadOnlyList<string> NodeNames => Distinct(Objects.OfKind("Node").Select(static n => n.Metadata.Name), "missing-node");

    private static List<string> Distinct(IEnumerable<string> names, string fallback)
    {
        var distinct = names.Distinct(StringComparer.Ordinal).ToList();
        return distinct.Count > 0 ? distinct : [fallback];
    }
}
