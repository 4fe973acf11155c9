using k8s;
using k8s.Models;
using RulesMesh.Loading;
using RulesMesh.Models.SecurityIstioIo.V1;
using RulesMesh.Rules;

namespace RulesMesh.Validation;

/// <summary>
/// What Istio's webhook refuses in an AuthorizationPolicy (ValidateAuthorizationPolicy) beyond its CRD rules: CUSTOM
/// without a provider, a provider with another action, and, in each rule: a null rule; a <c>from</c> without a source or
/// with an empty one; a <c>to</c> without an operation or with an empty one; an empty string in a source's principals,
/// request principals, namespaces or IP blocks or an operation's hosts, ports, methods or paths (or their not-variants);
/// IP blocks that are not IPs or CIDRs; ports that are not 0–65535; a <c>when</c> with an empty or unknown key, no
/// values, an empty value, or values not of the key's kind (IPs for the IP keys, ports for destination.port).
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
            var path = FieldPath.Index("spec.rules", r);
            if (spec.Rules![r] is not { } rule)
            {
                problems.Add(path, "is empty; a rule must not be null");
                continue;
            }

            for (var i = 0; i < (rule.From?.Count ?? 0); i++)
            {
                var from = FieldPath.Index(FieldPath.Property(path, "from"), i);
                if (rule.From![i]?.Source is not { } source)
                {
                    problems.Add(from, "has no source");
                    continue;
                }

                ValidateSource(source, FieldPath.Property(from, "source"), problems);
            }

            for (var i = 0; i < (rule.To?.Count ?? 0); i++)
            {
                var to = FieldPath.Index(FieldPath.Property(path, "to"), i);
                if (rule.To![i]?.Operation is not { } operation)
                {
                    problems.Add(to, "has no operation");
                    continue;
                }

                ValidateOperation(operation, FieldPath.Property(to, "operation"), problems);
            }

            for (var i = 0; i < (rule.When?.Count ?? 0); i++)
            {
                ValidateCondition(rule.When![i], FieldPath.Index(FieldPath.Property(path, "when"), i), problems);
            }
        }
    }

    private static void ValidateSource(AuthorizationPolicyRuleFromSource source, string path, ValidationProblems problems)
    {
        // An empty source would match every peer where the author meant to narrow it, so Istio refuses it.
        if (IsEmpty(source.Principals, source.NotPrincipals, source.RequestPrincipals, source.NotRequestPrincipals, source.Namespaces,
            source.NotNamespaces, source.IpBlocks, source.NotIpBlocks, source.RemoteIpBlocks, source.NotRemoteIpBlocks,
            source.ServiceAccounts, source.NotServiceAccounts, source.TrustDomains, source.NotTrustDomains))
        {
            problems.Add(path, "is empty; set at least one of its fields");
        }

        CheckValues(source.Principals, path, "principals", null, problems);
        CheckValues(source.NotPrincipals, path, "notPrincipals", null, problems);
        CheckValues(source.RequestPrincipals, path, "requestPrincipals", null, problems);
        CheckValues(source.NotRequestPrincipals, path, "notRequestPrincipals", null, problems);
        CheckValues(source.Namespaces, path, "namespaces", null, problems);
        CheckValues(source.NotNamespaces, path, "notNamespaces", null, problems);
        CheckValues(source.IpBlocks, path, "ipBlocks", IstioSecurityAttributes.IpProblem, problems);
        CheckValues(source.NotIpBlocks, path, "notIpBlocks", IstioSecurityAttributes.IpProblem, problems);
        CheckValues(source.RemoteIpBlocks, path, "remoteIpBlocks", IstioSecurityAttributes.IpProblem, problems);
        CheckValues(source.NotRemoteIpBlocks, path, "notRemoteIpBlocks", IstioSecurityAttributes.IpProblem, problems);
    }

    private static void ValidateOperation(AuthorizationPolicyRuleToOperation operation, string path, ValidationProblems problems)
    {
        if (IsEmpty(operation.Hosts, operation.NotHosts, operation.Ports, operation.NotPorts, operation.Methods, operation.NotMethods,
            operation.Paths, operation.NotPaths))
        {
            problems.Add(path, "is empty; set at least one of its fields");
        }

        CheckValues(operation.Hosts, path, "hosts", null, problems);
        CheckValues(operation.NotHosts, path, "notHosts", null, problems);
        CheckValues(operation.Ports, path, "ports", IstioSecurityAttributes.PortProblem, problems);
        CheckValues(operation.NotPorts, path, "notPorts", IstioSecurityAttributes.PortProblem, problems);
        CheckValues(operation.Methods, path, "methods", null, problems);
        CheckValues(operation.NotMethods, path, "notMethods", null, problems);
        CheckValues(operation.Paths, path, "paths", null, problems);
        CheckValues(operation.NotPaths, path, "notPaths", null, problems);
    }

    private static void ValidateCondition(AuthorizationPolicyRuleWhen? condition, string path, ValidationProblems problems)
    {
        if (condition is null)
        {
            problems.Add(path, "is empty; a condition must not be null");
            return;
        }

        var key = condition.Key ?? string.Empty;
        if (key.Length == 0)
        {
            problems.Add(FieldPath.Property(path, "key"), "is empty; a condition needs an attribute key");
            return;
        }

        if (condition is { Values: null or { Count: 0 }, NotValues: null or { Count: 0 } })
        {
            problems.Add(path, "has neither values nor notValues");
            return;
        }

        if (IstioSecurityAttributes.KeyProblem(key) is { } keyProblem)
        {
            problems.Add(FieldPath.Property(path, "key"), keyProblem);
            return;
        }

        CheckValues(condition.Values, path, "values", value => IstioSecurityAttributes.ValueProblem(key, value), problems);
        CheckValues(condition.NotValues, path, "notValues", value => IstioSecurityAttributes.ValueProblem(key, value), problems);
    }

    // CheckEmptyValues, then the field's own check of each value.
    private static void CheckValues(List<string>? values, string parent, string field, Func<string, string?>? check, ValidationProblems problems)
    {
        for (var i = 0; i < (values?.Count ?? 0); i++)
        {
            var value = values![i] ?? string.Empty;
            var problem = value.Length == 0 ? "is empty; Istio refuses empty values" : check?.Invoke(value);
            if (problem is not null)
            {
                problems.Add(FieldPath.Index(FieldPath.Property(parent, field), i), problem);
            }
        }
    }

    private static bool IsEmpty(params ReadOnlySpan<List<string>?> lists)
    {
        foreach (var list in lists)
        {
            if (list is { Count: > 0 })
            {
                return false;
            }
        }

        return true;
    }
}
