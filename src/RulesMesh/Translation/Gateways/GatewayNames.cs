using System.Globalization;

namespace RulesMesh.Translation.Gateways;

/// <summary>kgateway's names for an ordinary Gateway's Envoy listener, filter chain, route configuration and virtual hosts.</summary>
public static class GatewayNames
{
    /// <summary>The virtual host of routes that name no hostname on a listener that names none.</summary>
    public const string AnyHost = "*";

    /// <summary><c>listener~&lt;port&gt;</c>: the Envoy listener, its one HTTP filter chain, and its route configuration.</summary>
    public static string Listener(int port) => "listener~" + port.ToString(CultureInfo.InvariantCulture);

    /// <summary>
    /// <c>listener~&lt;port&gt;~&lt;hostname&gt;</c> with '.' replaced by '_' (kgateway's <c>SanitizeForEnvoy</c>), cut to
    /// <see cref="WaypointNames.MaxLength"/>: the virtual host of one hostname, whose route names start with it.
    /// </summary>
    public static string VirtualHost(int port, string hostname)
    {
        var name = (Listener(port) + "~" + hostname).Replace('.', '_');
        return name.Length <= WaypointNames.MaxLength ? name : name[..WaypointNames.MaxLength];
    }
}
