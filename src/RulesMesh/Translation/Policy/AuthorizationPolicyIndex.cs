using RulesMesh.Mesh;
using V1AuthorizationPolicy = RulesMesh.Models.SecurityIstioIo.V1.AuthorizationPolicy;

namespace RulesMesh.Translation.Policy;

/// <summary>
/// kgateway's AuthorizationPolicy target index (<c>buildAuthzTargetIndex</c>, docs/spec/kgateway-waypoint.md §5.4): policies by the objects their
/// <c>spec.targetRefs</c> name. Selector and namespace-wide policies (no targetRefs) are not indexed.
/// </summary>
/// <remarks>
/// A targetRef's namespace is its own <c>namespace</c> or the policy's. Kinds: <c>Service</c> (group <c>""</c> or
/// <c>core</c>), <c>ServiceEntry</c> (<c>networking.istio.io</c>), <c>Gateway</c> and <c>GatewayClass</c>
/// (<c>gateway.networking.k8s.io</c>); a GatewayClass ref counts only in a policy of the root namespace.
/// </remarks>
public sealed class AuthorizationPolicyIndex
{
    /// <summary>The GatewayClass name a waypoint looks up in the root namespace: kgateway hardcodes it, whatever the Gateway's class.</summary>
    public const string WaypointClassName = "kgateway-waypoint";

    private const string GatewayGroup = "gateway.networking.k8s.io";
    private const string IstioNetworkingGroup = "networking.istio.io";

    private readonly Dictionary<ObjectKey, List<AuthorizationPolicyEntry>> _byTarget = [];
    private readonly string _rootNamespace;

    /// <summary>Indexes <paramref name="policies"/>; targetRefs that index nothing are reported to <paramref name="warn"/> (subject, message).</summary>
    public AuthorizationPolicyIndex(IEnumerable<AuthorizationPolicyEntry> policies, string rootNamespace, Action<string, string>? warn = null)
    {
        _rootNamespace = rootNamespace;
        foreach (var policy in policies)
        {
            if (policy.Spec.TargetRef is not null)
            {
                warn?.Invoke(policy.Subject, "spec.targetRef is ignored: kgateway waypoints read only spec.targetRefs.");
            }

            var targetRefs = policy.Spec.TargetRefs ?? [];
            for (var i = 0; i < targetRefs.Count; i++)
            {
                var target = targetRefs[i];
                var ns = string.IsNullOrEmpty(target.Namespace) ? policy.Name.Namespace : target.Namespace;
                var group = target.Group ?? string.Empty;
                ObjectKey? key = (target.Kind, group) switch
                {
                    ("Service", "" or "core") => new ObjectKey(string.Empty, "Service", ns, target.Name),
                    ("ServiceEntry", IstioNetworkingGroup) => new ObjectKey(IstioNetworkingGroup, "ServiceEntry", ns, target.Name),
                    ("Gateway", GatewayGroup) => new ObjectKey(GatewayGroup, "Gateway", ns, target.Name),
                    ("GatewayClass", GatewayGroup) when policy.Name.Namespace == rootNamespace => new ObjectKey(GatewayGroup, "GatewayClass", ns, target.Name),
                    _ => null,
                };
                if (key is null)
                {
                    warn?.Invoke(policy.Subject, target.Kind == "GatewayClass" && group == GatewayGroup
                        ? $"spec.targetRefs[{i}]: a GatewayClass is targeted only by policies in the root namespace {rootNamespace}; ignored."
                        : $"spec.targetRefs[{i}]: {target.Kind} of group '{group}' is not a kind waypoint policies attach to; ignored.");
                    continue;
                }

                if (!_byTarget.TryGetValue(key.Value, out var list))
                {
                    list = [];
                    _byTarget[key.Value] = list;
                }

                if (!list.Contains(policy))
                {
                    list.Add(policy);
                }
            }
        }
    }

    /// <summary>
    /// The index for <paramref name="context"/>'s store, built once per translation: every <c>security.istio.io</c>
    /// AuthorizationPolicy (v1beta1 ones are read as v1 at load).
    /// </summary>
    public static AuthorizationPolicyIndex For(TranslationContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return context.Index(static c =>
        {
            var policies = new Dictionary<NamespacedName, AuthorizationPolicyEntry>();
            foreach (var policy in c.Store.All<V1AuthorizationPolicy>())
            {
                var entry = AuthorizationPolicyEntry.From(policy);
                policies.TryAdd(entry.Name, entry);
            }

            var ordered = policies.Values.OrderBy(static p => p.Name.Namespace, StringComparer.Ordinal).ThenBy(static p => p.Name.Name, StringComparer.Ordinal);
            return new AuthorizationPolicyIndex(ordered, c.Settings.RootNamespace, c.Warn);
        });
    }

    /// <summary>
    /// The policies of a waypoint Gateway: those targeting the Gateway, plus, when the root namespace is not the
    /// Gateway's, those targeting the GatewayClass <c>kgateway-waypoint</c> from the root namespace.
    /// </summary>
    public IReadOnlyList<AuthorizationPolicyEntry> ForGateway(NamespacedName gateway)
    {
        var found = new List<AuthorizationPolicyEntry>(Lookup(new ObjectKey(GatewayGroup, "Gateway", gateway.Namespace, gateway.Name)));
        if (_rootNamespace != gateway.Namespace)
        {
            found.AddRange(Lookup(new ObjectKey(GatewayGroup, "GatewayClass", _rootNamespace, WaypointClassName)));
        }

        return Distinct(found);
    }

    /// <summary>The policies targeting any of the service's keys (its aliases, then itself).</summary>
    public IReadOnlyList<AuthorizationPolicyEntry> ForService(MeshService service)
    {
        ArgumentNullException.ThrowIfNull(service);
        var found = new List<AuthorizationPolicyEntry>();
        var seen = new HashSet<NamespacedName>();
        foreach (var key in service.Keys.Distinct())
        {
            foreach (var policy in Lookup(key))
            {
                if (seen.Add(policy.Name))
                {
                    found.Add(policy);
                }
            }
        }

        return found;
    }

    /// <summary>Whether any policy targets one of the service's keys (<see cref="ForService"/> is not empty), without collecting them.</summary>
    public bool TargetsService(MeshService service)
    {
        ArgumentNullException.ThrowIfNull(service);
        if (_byTarget.ContainsKey(service.Key))
        {
            return true;
        }

        foreach (var alias in service.Aliases)
        {
            if (_byTarget.ContainsKey(alias))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>What applies to <paramref name="service"/> on <paramref name="gateway"/>: the Gateway's policies, then the service's, each once.</summary>
    public IReadOnlyList<AuthorizationPolicyEntry> For(NamespacedName gateway, MeshService service)
        => Distinct(ForGateway(gateway).Concat(ForService(service)));

    private List<AuthorizationPolicyEntry> Lookup(ObjectKey key)
        => _byTarget.TryGetValue(key, out var list) ? list : [];

    private static List<AuthorizationPolicyEntry> Distinct(IEnumerable<AuthorizationPolicyEntry> policies)
    {
        var seen = new HashSet<NamespacedName>();
        return policies.Where(p => seen.Add(p.Name)).ToList();
    }
}
