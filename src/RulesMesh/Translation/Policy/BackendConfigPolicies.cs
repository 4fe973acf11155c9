using k8s.Models;
using RulesMesh.Models.GatewayKgatewayDev.V1alpha1;
using RulesMesh.Translation.Backends;

namespace RulesMesh.Translation.Policy;

/// <summary>
/// The BackendConfigPolicies attached to one backend (docs/spec/kgateway-backendconfigpolicy.md §1, §4): every policy, in
/// merge order, and the errors any of them carries. With an error no policy's settings apply.
/// </summary>
/// <param name="Policies">The attached policies, oldest first, then by <c>group/kind/ns/name</c>.</param>
/// <param name="Errors">Each erroneous policy's errors, as <c>ns/name: error</c>.</param>
internal sealed record AttachedBackendConfig(IReadOnlyList<BackendConfigPolicy> Policies, IReadOnlyList<string> Errors)
{
    /// <summary>
    /// The merged spec: for each top-level field (and each of <c>dns</c>'s three), the value of the first policy that
    /// sets it; later policies only fill fields still unset (kgateway's <c>AugmentedShallowMerge</c>).
    /// </summary>
    public BackendConfigPolicySpec Merged { get; } = Merge(Policies);

    private static BackendConfigPolicySpec Merge(IReadOnlyList<BackendConfigPolicy> policies)
    {
        var merged = new BackendConfigPolicySpec();
        foreach (var spec in policies.Select(static p => p.Spec))
        {
            merged.ConnectTimeout ??= spec.ConnectTimeout;
            merged.PerConnectionBufferLimitBytes ??= spec.PerConnectionBufferLimitBytes;
            merged.TcpKeepalive ??= spec.TcpKeepalive;
            merged.CommonHttpProtocolOptions ??= spec.CommonHttpProtocolOptions;
            merged.Http1ProtocolOptions ??= spec.Http1ProtocolOptions;
            merged.Http2ProtocolOptions ??= spec.Http2ProtocolOptions;
            merged.Tls ??= spec.Tls;
            merged.LoadBalancer ??= spec.LoadBalancer;
            merged.HealthCheck ??= spec.HealthCheck;
            merged.OutlierDetection ??= spec.OutlierDetection;
            merged.CircuitBreakers ??= spec.CircuitBreakers;
            merged.UpstreamProxyProtocol ??= spec.UpstreamProxyProtocol;
            if (spec.Dns is { } dns)
            {
                merged.Dns ??= new BackendConfigPolicyDns();
                merged.Dns.RefreshRate ??= dns.RefreshRate;
                merged.Dns.Jitter ??= dns.Jitter;
                merged.Dns.RespectTTL ??= dns.RespectTTL;
            }
        }

        return merged;
    }
}

/// <summary>
/// Finds the BackendConfigPolicies of a backend (docs/spec/kgateway-backendconfigpolicy.md §1): by the backend's own object
/// (a Service, a ServiceEntry) and, for a ServiceEntry, by a <c>networking.istio.io/Hostname</c> alias per host of the
/// entry, in the backend's namespace, through <c>targetRefs</c> (by name) or <c>targetSelectors</c> (whose labels the
/// backend object carries). Validates each policy once (§4: the errors kgateway's controller raises) and writes every
/// policy's status.
/// </summary>
internal static class BackendConfigPolicies
{
    /// <summary>The controller name kgateway writes in policy ancestors.</summary>
    public const string ControllerName = "kgateway.dev/kgateway";

    private const string HostnameGroup = "networking.istio.io";

    /// <summary>The policies attached to <paramref name="backend"/>; null when there are none.</summary>
    public static AttachedBackendConfig? For(BackendObject backend, TranslationContext context)
    {
        var index = context.Index(static c => new Index(c));
        return index.IsEmpty ? null : Attach(backend, index, context);
    }

    /// <summary>
    /// Whether an error-free policy attached to <paramref name="backend"/>, the first in merge order that has one, sets
    /// <c>loadBalancer.zoneAware</c>: kgateway then forces the endpoints' traffic distribution to Any (§2, zoneAware).
    /// </summary>
    public static bool ForcesAnyTrafficDistribution(BackendObject backend, TranslationContext context)
        => For(backend, context) is { } attached
            && attached.Policies.Any(p => p.Spec.LoadBalancer?.ZoneAware is not null && Errors(p, context).Count == 0);

    /// <summary>
    /// Every policy's status (§4), keyed by <c>ns/name</c>: one ancestor per backend object it attached to (the Service or
    /// ServiceEntry, never the Hostname), <c>Accepted</c> and <c>Attached</c> true, or false with the error. A policy
    /// attached to nothing has no status.
    /// </summary>
    public static IReadOnlyDictionary<string, BackendConfigPolicyStatus> Statuses(TranslationContext context)
    {
        var index = context.Index(static c => new Index(c));
        var result = new SortedDictionary<string, BackendConfigPolicyStatus>(StringComparer.Ordinal);
        if (index.IsEmpty)
        {
            return result;
        }

        {
            var ancestors = new Dictionary<BackendConfigPolicy, SortedSet<(string Group, string Kind, string Namespace, string Name)>>(ReferenceEqualityComparer.Instance);
            var overriddenBy = new Dictionary<(BackendConfigPolicy Policy, (string, string, string, string) Ancestor), string>();
            foreach (var backend in BackendIndex.For(context).All)
            {
                foreach (var policy in Attach(backend, index, context)?.Policies ?? [])
                {
                    if (!ancestors.TryGetValue(policy, out var set))
                    {
                        set = [];
                        ancestors[policy] = set;
                    }

                    var ancestor = (backend.Key.Group, backend.Key.Kind, backend.Key.Namespace, backend.Key.Name);
                    set.Add(ancestor);
                    if (policy.Spec.Tls is not null && KgatewayBackendTlsPolicy.ErrorFree(backend, context) is { } tls)
                    {
                        overriddenBy[(policy, ancestor)] = $"{tls.Metadata?.NamespaceProperty}/{tls.Metadata?.Name}";
                    }
                }
            }

            foreach (var (policy, objects) in ancestors)
            {
                var errors = Errors(policy, context);
                var conditions = errors.Count == 0
                    ? new List<V1Condition>
                    {
                        Condition(policy, "Accepted", "True", "Valid", "Policy accepted"),
                        Condition(policy, "Attached", "True", "Attached", "Attached to all targets"),
                    }
                    : [Condition(policy, "Accepted", "False", "Invalid", string.Join("; ", errors)), Condition(policy, "Attached", "False", "Pending", string.Empty)];
                result[$"{policy.Metadata?.NamespaceProperty}/{policy.Metadata?.Name}"] = new BackendConfigPolicyStatus
                {
                    Ancestors = [.. objects.Select(o => new BackendConfigPolicyStatusAncestor
                    {
                        AncestorRef = new BackendConfigPolicyStatusAncestorAncestorRef { Group = o.Group, Kind = o.Kind, Namespace = o.Namespace, Name = o.Name },
                        ControllerName = ControllerName,

                        // A valid policy's tls loses to an error-free BackendTLSPolicy on the same backend (§4).
                        Conditions = errors.Count == 0 && overriddenBy.TryGetValue((policy, o), out var tls)
                            ? [.. conditions, Condition(policy, "Overridden", "True", "ConflictedWithBackendTLSPolicy", $"spec.tls overridden by BackendTLSPolicy {tls}")]
                            : conditions,
                    })],
                };
            }
        }

        return result;
    }

    /// <summary>The errors kgateway's controller finds in <paramref name="policy"/> (§4), worked out once per policy (and again only when what the check read changed).</summary>
    public static IReadOnlyList<string> Errors(BackendConfigPolicy policy, TranslationContext context)
        => context.Derive(
            (policy.Metadata?.NamespaceProperty ?? string.Empty, policy.Metadata?.Name ?? string.Empty),
            static (c, key) => c.Store.Get<BackendConfigPolicy>(key.Item1, key.Item2) is { } stored ? Validate(stored, c) : []);

    private static AttachedBackendConfig? Attach(BackendObject backend, Index index, TranslationContext context)
    {
        var ns = backend.Key.Namespace;
        var labels = backend.Labels;
        var found = new HashSet<BackendConfigPolicy>(ReferenceEqualityComparer.Instance);
        void Look(string group, string kind, string name)
        {
            foreach (var policy in index.ByRef.GetValueOrDefault((group, kind, ns, name)) ?? [])
            {
                found.Add(policy);
            }

            foreach (var (policy, matchLabels) in index.BySelector.GetValueOrDefault((group, kind, ns)) ?? [])
            {
                if (matchLabels.All(pair => labels.TryGetValue(pair.Key, out var value) && value == pair.Value))
                {
                    found.Add(policy);
                }
            }
        }

        Look(backend.Key.Group, backend.Key.Kind, backend.Key.Name);
        if (ServiceEntrySpecs.IsServiceEntry(backend.Key))
        {
            // Every backend of an entry answers to every host of the entry (kgateway's HostnameAliaser).
            foreach (var host in backend.Service.Hostnames.Distinct(StringComparer.Ordinal))
            {
                Look(HostnameGroup, ServiceEntryBackends.HostnameKind, host);
            }
        }

        if (found.Count == 0)
        {
            return null;
        }

        var policies = found
            // Go's zero time: a policy without a creation time (a manifest read from a file) sorts as the oldest, as in kgateway.
            .OrderBy(static p => p.Metadata?.CreationTimestamp ?? DateTime.MinValue)
            .ThenBy(static p => $"{BackendConfigPolicy.KubeGroup}/{BackendConfigPolicy.KubeKind}/{p.Metadata?.NamespaceProperty}/{p.Metadata?.Name}/", StringComparer.Ordinal)
            .ToList();
        var errors = policies.SelectMany(p => Errors(p, context).Select(e => $"{p.Metadata?.NamespaceProperty}/{p.Metadata?.Name}: {e}")).ToList();
        return new AttachedBackendConfig(policies, errors);
    }

    private static V1Condition Condition(BackendConfigPolicy policy, string type, string status, string reason, string message)
        => new() { Type = type, Status = status, Reason = reason, Message = message, ObservedGeneration = policy.Metadata?.Generation };

    /// <summary>
    /// The controller's checks (§4): the TLS material (a Secret that exists in the policy's namespace, both or neither of
    /// certificate and key, a pair that parses as PEM and matches, subject alt names only with a root CA or the system
    /// trust store, known TLS versions) and the slow-start aggression (a number above 0).
    /// </summary>
    private static List<string> Validate(BackendConfigPolicy policy, TranslationContext context)
    {
        var errors = new List<string>();
        if (policy.Spec.Tls is { } tls)
        {
            if (BackendConfigTls.Material(policy, tls, context, out var problem) is null)
            {
                errors.Add(problem);
            }
        }

        foreach (var slowStart in new[] { policy.Spec.LoadBalancer?.LeastRequest?.SlowStart, policy.Spec.LoadBalancer?.RoundRobin?.SlowStart })
        {
            if (slowStart?.Aggression is { } aggression && !(double.TryParse(aggression, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out var value) && value > 0))
            {
                errors.Add($"loadBalancer slowStart.aggression '{aggression}' is not a number above 0");
            }
        }

        return errors;
    }

    /// <summary>Every BackendConfigPolicy of a translation, by target, with the attachments and errors found so far.</summary>
    private sealed class Index
    {
        public Index(TranslationContext context)
        {
            foreach (var policy in context.Store.All<BackendConfigPolicy>())
            {
                var ns = policy.Metadata?.NamespaceProperty ?? string.Empty;
                foreach (var target in policy.Spec?.TargetRefs ?? [])
                {
                    Add(ByRef, (target.Group, target.Kind, ns, target.Name), policy);
                }

                foreach (var selector in policy.Spec?.TargetSelectors ?? [])
                {
                    Add(BySelector, (selector.Group, selector.Kind, ns), (policy, (IReadOnlyDictionary<string, string>)selector.MatchLabels));
                }

                IsEmpty = false;
            }
        }

        public bool IsEmpty { get; } = true;

        public Dictionary<(string Group, string Kind, string Namespace, string Name), List<BackendConfigPolicy>> ByRef { get; } = [];

        public Dictionary<(string Group, string Kind, string Namespace), List<(BackendConfigPolicy Policy, IReadOnlyDictionary<string, string> MatchLabels)>> BySelector { get; } = [];

        private static void Add<TKey, TValue>(Dictionary<TKey, List<TValue>> index, TKey key, TValue value)
            where TKey : notnull
        {
            if (!index.TryGetValue(key, out var list))
            {
                list = [];
                index[key] = list;
            }

            list.Add(value);
        }
    }
}
