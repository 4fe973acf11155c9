using RulesMesh.Mesh;
using RulesMesh.Rules;

namespace RulesMesh.Capture;

/// <summary>
/// Istio: with the mesh setting <c>serviceEntryVisibility: None</c> every ServiceEntry is dropped from the ambient index
/// (docs/spec/istio-gatewayapi.md §6.3), so no waypoint owns it and istiod writes it no status.
/// </summary>
[Rule("istio.capture.service-entry-visibility-none", Order = 40, Profile = "istio",
    Description = "With serviceEntryVisibility None, a ServiceEntry uses no waypoint whatever its labels say.")]
public sealed class IstioServiceEntryVisibilityNone : IServiceCaptureRule
{
    /// <inheritdoc />
    public CaptureVerdict Evaluate(MeshService service, RuleContext context)
        => service.Key.Kind == "ServiceEntry" && context.Settings.ServiceEntryVisibility == ServiceEntryVisibility.None
            ? CaptureVerdict.NotCaptured("serviceEntryVisibility is None, which drops every ServiceEntry from the ambient index")
            : CaptureVerdict.Abstain("serviceEntryVisibility does not drop it");
}
