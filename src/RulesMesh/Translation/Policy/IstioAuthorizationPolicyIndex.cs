using RulesMesh.Mesh;
using V1AuthorizationPolicy = RulesMesh.Models.SecurityIstioIo.V1.AuthorizationPolicy;

namespace RulesMesh.Translation.Policy;

/// <summary>
/// Which AuthorizationPolicies istiod gives a waypoint's chains (docs/spec/istio-waypoint-output.md §6): only policies
/// with <c>spec.targetRef</c> or <c>spec.targetRefs</c> (selector-only ones are ztunnel's), attached when a targetRef is
/// <list type="bullet">
/// <item><c>Service</c> (core group) named as the Kubernetes Service, the policy in its namespace;</item>
/// <item><c>ServiceEntry</c> (<c>networking.istio.io</c>) named as the ServiceEntry object, the policy in its namespace;</item>
/// <item><c>Gateway</c> named as the waypoint, the policy in the waypoint's namespace;</item>
/// <item><c>GatewayClass</c> <c>istio-waypoint</c>, the policy in the root namespace.</item>
/// </list>
/// Service chains take all four; the direct chains only the last two.
/// </summary>
/// <remarks>
/// A targetRef naming another namespace than the policy's is refused by Istio's validation; it attaches nothing here.
/// </remarks>
public sealed class IstioAuthorizationPolicyIndex
{
    /// <summary>The GatewayClass whose root-namespace policies apply to every waypoint.</summary>
    public const string WaypointClassName = "istio-waypoint";

    private const string GatewayGroup = "gateway.networking.k8s.io";
    private const string IstioNetworkingGroup = "networking.istio.io";

    private static readonly ObjectKey WaypointClass = new(GatewayGroup, "GatewayClass", string.Empty, WaypointClassName);

    private readonly Dictionary<ObjectKey, List<AuthorizationPolicyEntry>> _byTarget = [];

    /// <summary>Indexes <paramref name="policies"/>; targetRefs that attach nothing are reported to <paramref name="warn"/> (subject, message).</summary>
    public IstioAuthorizationPolicyIndex(IEnumerable<AuthorizationPolicyEntry> policies, string rootNamespace, Action<string, string>? warn = null)
    {
        ArgumentNullException.ThrowIfNull(policies);
        foreach (var policy in policies)
        {
            var targets = new List<(string Field, Models.SecurityIstioIo.V1.AuthorizationPolicyTargetRef Ref)>();
            if (policy.Spec.TargetRef is { } single)
            {
                targets.Add(("spec.targetRef", single));
            }

            var many = policy.Spec.TargetRefs ?? [];
            for (var i = 0; i < many.Count; i++)
            {
                targets.Add(($"spec.targetRefs[{i}]", many[i]));
            }

            foreach (var (field, target) in targets)
            {
                if (Key(policy, target, rootNamespace, out var problem) is { } key)
                {
                    Add(key, policy);
                }
                else
                {
                    warn?.Invoke(policy.Subject, $"{field}: {problem}; it attaches to no waypoint chain.");
                }
            }
        }
    }

    /// <summary>
    /// The index for <paramref name="context"/>'s store, built once per translation: every <c>security.istio.io</c>
    /// AuthorizationPolicy (v1beta1 ones are read as v1 at load), by namespace then name.
    /// </summary>
    public static IstioAuthorizationPolicyIndex For(TranslationContext context)
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
            return new IstioAuthorizationPolicyIndex(ordered, c.Settings.RootNamespace, c.Warn);
        });
    }

    /// <summary>The policies of the direct chains: those targeting the waypoint Gateway, then the GatewayClass <c>istio-waypoint</c>.</summary>
    public IReadOnlyList<AuthorizationPolicyEntry> ForWaypoint(NamespacedName waypoint)
        => Distinct(Lookup(new ObjectKey(GatewayGroup, "Gateway", waypoint.Namespace, waypoint.Name)).Concat(Lookup(WaypointClass)));

    /// <summary>The policies of <paramref name="service"/>'s chains on <paramref name="waypoint"/>: the waypoint's, then the service's own.</summary>
    public IReadOnlyList<AuthorizationPolicyEntry> ForService(NamespacedName waypoint, MeshService service)
    {
        ArgumentNullException.ThrowIfNull(service);
        return Distinct(ForWaypoint(waypoint).Concat(Lookup(service.Key)));
    }

    /// <summary>The object a targetRef attaches the policy to, or null with the reason.</summary>
    private static ObjectKey? Key(AuthorizationPolicyEntry policy, Models.SecurityIstioIo.V1.AuthorizationPolicyTargetRef target, string rootNamespace, out string problem)
    {
        problem = string.Empty;
        var ns = policy.Name.Namespace;
        if (!string.IsNullOrEmpty(target.Namespace) && target.Namespace != ns)
        {
            problem = $"namespace {target.Namespace} is not the policy's ({ns}), which Istio does not allow";
            return null;
        }

        var group = target.Group ?? string.Empty;
        switch (target.Kind, group)
        {
            case ("Service", "" or "core"):
                return new ObjectKey(string.Empty, "Service", ns, target.Name);
            case ("ServiceEntry", IstioNetworkingGroup):
                return new ObjectKey(IstioNetworkingGroup, "ServiceEntry", ns, target.Name);
            case ("Gateway", GatewayGroup):
                return new ObjectKey(GatewayGroup, "Gateway", ns, target.Name);
            case ("GatewayClass", GatewayGroup) when ns != rootNamespace:
                problem = $"a GatewayClass is targeted only by policies in the root namespace {rootNamespace}";
                return null;
            case ("GatewayClass", GatewayGroup) when target.Name != WaypointClassName:
                problem = $"GatewayClass {target.Name} is not {WaypointClassName}, the only class whose policies waypoints take";
                return null;
            case ("GatewayClass", GatewayGroup):
                return WaypointClass;
            default:
                problem = $"{target.Kind} of group '{group}' is not a kind waypoint policies attach to";
                return null;
        }
    }

    private void Add(ObjectKey key, AuthorizationPolicyEntry policy)
    {
        if (!_byTarget.TryGetValue(key, out var list))
        {
            list = [];
            _byTarget[key] = list;
        }

        if (!list.Contains(policy))
        {
            list.Add(policy);
        }
    }

    private IEnumerable<AuthorizationPolicyEntry> Lookup(ObjectKey key)
        => _byTarget.TryGetValue(key, out var list) ? list : [];

    private static List<AuthorizationPolicyEntry> Distinct(IEnumerable<AuthorizationPolicyEntry> policies)
    {
        var seen = new HashSet<NamespacedName>();
        return policies.Where(p => seen.Add(p.Name)).ToList();
    }
}
