using k8s.Models;
using RulesMesh.Models.NetworkingIstioIo.V1;

namespace RulesMesh.Translation.Istio;

/// <summary>Every Pod and WorkloadEntry of a translation by IP (the first loaded wins an IP), built once per run.</summary>
internal sealed class IstioWorkloadIndex
{
    private readonly Dictionary<string, IstioWorkload> _byAddress = new(StringComparer.Ordinal);

    private IstioWorkloadIndex(TranslationContext context)
    {
        var namespaces = context.Store.All<V1Namespace>().GroupBy(static n => n.Metadata?.Name ?? string.Empty).ToDictionary(static g => g.Key, static g => g.First(), StringComparer.Ordinal);
        foreach (var pod in context.Store.All<V1Pod>())
        {
            Add(IstioWorkload.Of(pod, namespaces.GetValueOrDefault(pod.Metadata?.NamespaceProperty ?? string.Empty)));
        }

        foreach (var entry in context.Store.All<WorkloadEntry>())
        {
            Add(IstioWorkload.Of(entry, namespaces.GetValueOrDefault(entry.Metadata?.NamespaceProperty ?? string.Empty)));
        }
    }

    /// <summary>The index of <paramref name="context"/>'s run.</summary>
    public static IstioWorkloadIndex For(TranslationContext context) => context.Index(static c => new IstioWorkloadIndex(c));

    /// <summary>The workload at <paramref name="address"/>, or null.</summary>
    public IstioWorkload? At(string address) => _byAddress.GetValueOrDefault(address);

    private void Add(IstioWorkload? workload)
    {
        if (workload is not null)
        {
            _byAddress.TryAdd(workload.Address, workload);
        }
    }
}
