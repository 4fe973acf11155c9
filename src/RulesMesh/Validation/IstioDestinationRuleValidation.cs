using k8s;
using k8s.Models;
using RulesMesh.Models.NetworkingIstioIo.V1;
using RulesMesh.Rules;

namespace RulesMesh.Validation;

/// <summary>
/// What Istio's webhook refuses in a DestinationRule's host (validateDestinationRule: a valid wildcard domain), plus
/// <c>*</c>: a DestinationRule for every host would apply one service's policy to all of them (issue 10).
/// </summary>
[Rule("istio.validation.destination-rule", Order = 3, Description = "A DestinationRule's host must be a DNS name (a leading wildcard allowed), not empty or '*'.")]
[AppliesTo("networking.istio.io", "DestinationRule")]
public sealed class IstioDestinationRuleValidation : IObjectValidationRule
{
    /// <inheritdoc />
    public void Validate(IKubernetesObject<V1ObjectMeta> resource, ValidationProblems problems)
    {
        var host = ((DestinationRule)resource).Spec?.Host ?? string.Empty;
        if (host == "*")
        {
            problems.Add("spec.host", "is '*'; a DestinationRule must name the host it configures");
        }
        else if (IstioHostNames.WildcardDomainProblem(host) is { } problem)
        {
            problems.Add("spec.host", problem);
        }
    }
}
