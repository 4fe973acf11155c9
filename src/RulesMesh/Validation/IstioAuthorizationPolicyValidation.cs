using k8s;
using k8s.Models;
using RulesMesh.Loading;
using RulesMesh.Models.SecurityIstioIo.V1;
using RulesMesh.Rules;

namespace RulesMesh.Validation;

/// <summary>
/// What Istio's webhook refuses in an AuthorizationPolicy (ValidateAuthorizationPolicy) beyond its CRD rules: CUSTOM
/// without a provider, a provider with another action, and, in each rule, a <c>from</c> without a source, a <c>to</c>
/// without an operation, and a <c>when</c> with no values.
/// </summary>
[Rule("istio.validation.authorization-policy", Order = 4, Description = "Istio's webhook checks of an AuthorizationPolicy beyond its CRD rules.")]
[AppliesTo("security.istio.io", "AuthorizationPolicy")]
public sealed class IstioAuthorizationPolicyValidation : IObjectValidationRule
{
    /// <inheritdoc />
    public void Validate(IKubernetesObject<V1ObjectMeta> resource, ValidationProblems problems)
    {
        var spec = ((AuthorizationPolicy)resource).Spec;
        if (spec is null)
        {
            return;
        }

        var custom = spec.Action?.Value == "CUSTOM";
        if (custom && string.IsNullOrEmpty(spec.Provider?.Name))
        {
            problems.Add("spec.provider", "is required with action CUSTOM");
        }
        else if (!custom && spec.Provider is not null)
        {
            problems.Add("spec.provider", "can only be used with action CUSTOM");
        }

        for (var r = 0; r < (spec.Rules?.Count ?? 0); r++)
        {
            var rule = spec.Rules![r];
            var path = FieldPath.Index("spec.rules", r);
            for (var i = 0; i < (rule.From?.Count ?? 0); i++)
            {
                if (rule.From![i].Source is null)
                {
                    problems.Add(FieldPath.Index(FieldPath.Property(path, "from"), i), "has no source");
                }
            }

            for (var i = 0; i < (rule.To?.Count ?? 0); i++)
            {
                if (rule.To![i].Operation is null)
                {
                    problems.Add(FieldPath.Index(FieldPath.Property(path, "to"), i), "has no operation");
                }
            }

            for (var i = 0; i < (rule.When?.Count ?? 0); i++)
            {
                if (rule.When![i] is { Values: null or { Count: 0 }, NotValues: null or { Count: 0 } })
                {
                    problems.Add(FieldPath.Index(FieldPath.Property(path, "when"), i), "has neither values nor notValues");
                }
            }
        }
    }
}
