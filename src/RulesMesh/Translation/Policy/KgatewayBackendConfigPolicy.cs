using RulesMesh.Rules;

namespace RulesMesh.Translation.Policy;

/// <summary>
/// kgateway's BackendConfigPolicy (docs/spec/kgateway-backendconfigpolicy.md), for Service and ServiceEntry backends: the
/// policies attached to the backend (<see cref="BackendConfigPolicies.For"/>: by name or labels, the ServiceEntry's
/// hosts as Hostname aliases), merged field by field oldest first, set the cluster's settings
/// (<see cref="BackendConfigPolicySettings.Apply"/>). It runs before the DestinationRule rule, an order kgateway leaves
/// to chance. When any attached policy has an error, no policy's settings reach the cluster: as kgateway, the cluster is
/// left out altogether, with a warning, and the policy's status says why (<see cref="BackendConfigPolicies.Statuses"/>).
/// A BackendTLSPolicy on the same backend wins over <c>tls</c>: its rule runs later and sets the transport socket again.
/// </summary>
[Rule("kgateway.policy.backend-config", Order = 290,
    Description = "The BackendConfigPolicies attached to a Service or to a ServiceEntry's host, merged oldest first per field, set the cluster's timeouts, buffers, keepalive, HTTP options, TLS, PROXY protocol, load balancing, health check, outlier detection, circuit breakers and DNS refresh; an invalid one leaves the cluster out.")]
[AppliesTo("networking.istio.io", "ServiceEntry")]
[AppliesTo("", "Service")]
public sealed class KgatewayBackendConfigPolicy : IBackendPolicyRule
{
    /// <inheritdoc />
    public void ApplyBackendPolicy(BackendPolicyRequest request, TranslationContext context)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (BackendConfigPolicies.For(request.Backend, context) is not { } attached)
        {
            return;
        }

        var subject = $"BackendConfigPolicy {string.Join(", ", attached.Policies.Select(static p => $"{p.Metadata?.NamespaceProperty}/{p.Metadata?.Name}"))}";
        var warnings = new BackendConfigWarnings(context, subject, attached.Policies);
        if (attached.Errors.Count > 0)
        {
            warnings.About($"{string.Join("; ", attached.Errors)}; cluster {request.Cluster.Name} is left out, so routes to it answer 500");
            request.LeaveOut(string.Join("; ", attached.Errors));
            return;
        }

        var tlsOwner = attached.Policies.FirstOrDefault(static p => p.Spec.Tls is not null);
        var loadBalancerOwner = attached.Policies.FirstOrDefault(static p => p.Spec.LoadBalancer is not null);
        BackendConfigPolicySettings.Apply(request.Cluster, attached.Merged, tlsOwner, loadBalancerOwner, context, warnings);
    }
}
