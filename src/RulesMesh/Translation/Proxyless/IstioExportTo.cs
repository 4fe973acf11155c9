using k8s.Models;
using RulesMesh.Mesh;
using RulesMesh.Models.NetworkingIstioIo.V1;
using RulesMesh.Rules;

namespace RulesMesh.Translation.Proxyless;

/// <summary>
/// Istio's <c>exportTo</c>: a ServiceEntry's <c>spec.exportTo</c>, a Service's <c>networking.istio.io/exportTo</c>
/// annotation (comma-separated). <c>*</c> is every namespace, <c>.</c> the service's own, <c>~</c> none, anything else a
/// namespace name; nothing written is every namespace (Istio's default <c>defaultServiceExportTo</c>).
/// </summary>
[Rule("proxyless.visibility.export-to",
    Description = "A service is visible to the namespaces its exportTo (ServiceEntry spec.exportTo, Service annotation networking.istio.io/exportTo) names; every namespace when none is written.")]
public sealed class IstioExportTo : IProxylessVisibilityRule
{
    /// <summary>The Service annotation Istio reads a Service's exportTo from.</summary>
    public const string ExportToAnnotation = "networking.istio.io/exportTo";

    /// <inheritdoc />
    public ProxylessVisibility? Visibility(MeshService service, TranslationContext context)
    {
        ArgumentNullException.ThrowIfNull(service);
        IReadOnlyList<string>? written = service.Source switch
        {
            ServiceEntry entry => entry.Spec?.ExportTo,
            V1Service => service.Annotations.TryGetValue(ExportToAnnotation, out var annotation)
                ? [.. annotation.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)]
                : null,
            _ => null,
        };
        if (written is not { Count: > 0 } || written.Contains("*"))
        {
            return ProxylessVisibility.Everywhere;
        }

        return ProxylessVisibility.To(written.Where(static e => e != "~").Select(e => e == "." ? service.Namespace : e));
    }
}
