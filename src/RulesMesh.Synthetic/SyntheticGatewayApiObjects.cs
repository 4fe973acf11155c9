using System.Globalization;
using k8s.Models;
using RulesMesh.Models.GatewayNetworkingK8sIo.V1;

namespace RulesMesh.Synthetic;

/// <summary>
/// The synthetic mesh's Gateway API objects: a waypoint per namespace and HTTPRoutes with weighted backends. Kept apart
/// from the Istio objects because Istio's own CRD bundle has a <c>Gateway</c> kind too: a file importing both model
/// namespaces would stop compiling when that bundle is dropped into <c>schemas/</c>.
/// </summary>
internal static class SyntheticGatewayApiObjects
{
    public static Gateway Waypoint(string ns) => new()
    {
        Metadata = new V1ObjectMeta { Name = "waypoint", NamespaceProperty = ns },
        Spec = new GatewaySpec
        {
            GatewayClassName = "kgateway-waypoint",
            Listeners = [new GatewayListener { Name = "proxy", Port = 15088, Protocol = "istio.io/PROXY" }],
        },
    };

    public static HTTPRoute Route(string ns, int index, int? partner, int rules) => new()
    {
        Metadata = new V1ObjectMeta { Name = "route-svc-" + I(index), NamespaceProperty = ns },
        Spec = new HTTPRouteSpec
        {
            ParentRefs = [new HTTPRouteParentRef { Group = string.Empty, Kind = "Service", Name = "svc-" + I(index) }],
            Rules = Enumerable.Range(0, rules).Select(r => new HTTPRouteRule
            {
                Matches = [new HTTPRouteRuleMatch { Path = new HTTPRouteRuleMatchPath { Type = HTTPRouteRuleMatchPathType.PathPrefix, Value = "/r" + I(r) } }],
                BackendRefs = partner is { } other
                    ? [Backend(index, 90), Backend(other, 10)]
                    : [Backend(index, 100)],
            }).ToList(),
        },
    };

    private static HTTPRouteRuleBackendRef Backend(int service, int weight) => new() { Name = "svc-" + I(service), Port = 8080, Weight = weight };

    private static string I(int value) => value.ToString(CultureInfo.InvariantCulture);
}
