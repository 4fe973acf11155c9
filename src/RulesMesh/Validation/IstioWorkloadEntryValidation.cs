using System.Net;
using k8s;
using k8s.Models;
using RulesMesh.Models.NetworkingIstioIo.V1;
using RulesMesh.Rules;

namespace RulesMesh.Validation;

/// <summary>
/// What Istio's webhook refuses in a WorkloadEntry (validateWorkloadEntry, docs/spec/istio-gatewayapi.md §4.3) beyond
/// its CRD rules: an address that is neither an IP, a DNS name nor a unix:// socket.
/// </summary>
[Rule("istio.validation.workload-entry", Order = 2, Description = "Istio's webhook checks of a WorkloadEntry beyond its CRD rules.")]
[AppliesTo("networking.istio.io", "WorkloadEntry")]
public sealed class IstioWorkloadEntryValidation : IObjectValidationRule
{
    /// <inheritdoc />
    public void Validate(IKubernetesObject<V1ObjectMeta> resource, ValidationProblems problems)
    {
        var address = ((WorkloadEntry)resource).Spec.Address;
        if (address is { Length: > 0 } && !address.StartsWith("unix://", StringComparison.Ordinal) && !IPAddress.TryParse(address, out _) && !IstioHostNames.IsFqdn(address))
        {
            problems.Add("spec.address", "must be an IP address, a DNS name or a unix:// socket");
        }
    }
}
