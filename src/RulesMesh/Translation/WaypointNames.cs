using System.Globalization;
using RulesMesh.Mesh;

namespace RulesMesh.Translation;

/// <summary>kgateway's names for waypoint chains, virtual hosts and routes (docs/spec/kgateway-waypoint.md §4, §5.2).</summary>
public static class WaypointNames
{
    /// <summary>Envoy config names are cut at this length (kgateway's <c>EnvoyConfigNameMaxLen</c>).</summary>
    public const int MaxLength = 253;

    /// <summary><c>fc_&lt;http|tcp&gt;_&lt;port&gt;_&lt;name&gt;_&lt;ns&gt;</c>: the chain's name, also its RDS route configuration's name.</summary>
    public static string FilterChain(MeshService service, ServicePort port)
        => Truncate(string.Create(CultureInfo.InvariantCulture, $"fc_{(port.IsHttp ? "http" : "tcp")}_{port.Port}_{service.Name}_{service.Namespace}"));

    /// <summary>
    /// <c>fc_&lt;http|tcp&gt;_&lt;port&gt;_&lt;name&gt;_&lt;ns&gt;_&lt;first host&gt;</c>: a ServiceEntry's chain when a Service of its name and
    /// namespace has a chain of the same port and kind on the same waypoint, which kgateway's name would give both
    /// (docs/spec/kgateway-waypoint.md §9). The host is what its default virtual host adds to the name, too.
    /// </summary>
    public static string ServiceEntryFilterChain(MeshService entry, ServicePort port)
        => Truncate(string.Create(CultureInfo.InvariantCulture, $"fc_{(port.IsHttp ? "http" : "tcp")}_{port.Port}_{entry.Name}_{entry.Namespace}_{entry.Hostnames[0]}"));

    /// <summary><c>http_routes_&lt;name&gt;_&lt;ns&gt;</c>: the virtual host shared by all ports of a service that has routes.</summary>
    public static string RoutesVirtualHost(MeshService service) => Truncate($"http_routes_{service.Name}_{service.Namespace}");

    /// <summary>
    /// <c>vh_http_&lt;port&gt;_&lt;name&gt;_&lt;ns&gt;</c>, plus <c>_&lt;first host&gt;</c> for a ServiceEntry: the default virtual host,
    /// unsanitized (route names use this form).
    /// </summary>
    public static string DefaultVirtualHost(MeshService service, ServicePort port)
    {
        // Every HTTP port without routes asks: the name is made in one piece.
        return Truncate(service.Key.Kind == "ServiceEntry" && service.Hostnames.Count > 0
            ? string.Create(CultureInfo.InvariantCulture, $"vh_http_{port.Port}_{service.Name}_{service.Namespace}_{service.Hostnames[0]}")
            : string.Create(CultureInfo.InvariantCulture, $"vh_http_{port.Port}_{service.Name}_{service.Namespace}"));
    }

    /// <summary>Envoy virtual host names are sanitized: '.' becomes '_'.</summary>
    public static string SanitizeVirtualHost(string name) => name.Replace('.', '_');

    /// <summary><c>&lt;vhost&gt;-route-0-matcher-0</c>: the default route.</summary>
    public static string DefaultRoute(string virtualHost) => virtualHost + "-route-0-matcher-0";

    /// <summary><c>&lt;vhost&gt;-route-&lt;i&gt;-httproute-&lt;route&gt;-&lt;ns&gt;-&lt;rule&gt;-&lt;match&gt;-matcher-&lt;k&gt;</c>: one match of one rule of an HTTPRoute.</summary>
    public static string RouteMatch(string virtualHost, int routeIndex, string routeName, string routeNamespace, int rule, int match, int matcher)
        => string.Create(CultureInfo.InvariantCulture, $"{virtualHost}-route-{routeIndex}-httproute-{routeName}-{routeNamespace}-{rule}-{match}-matcher-{matcher}");

    private static string Truncate(string name) => name.Length <= MaxLength ? name : name[..MaxLength];
}
