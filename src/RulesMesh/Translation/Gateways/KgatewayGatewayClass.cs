using RulesMesh.Capture;
using RulesMesh.Rules;

namespace RulesMesh.Translation.Gateways;

/// <summary>
/// kgateway's controller translates the Gateways whose GatewayClass it owns. An ordinary (non-waypoint) Gateway is
/// translated when its GatewayClass, if given in the input, has <c>spec.controllerName: kgateway.dev/kgateway</c>;
/// when the GatewayClass is not given, when the class is named <c>kgateway</c> (the class kgateway installs).
/// </summary>
/// <remarks>
/// Waypoints (the waypoint class, <c>kgateway-waypoint</c> by default, which kgateway's controller also owns) are
/// never ordinary Gateways: the waypoint translator handles them, even when they serve no listener. A Gateway of any
/// other class (<c>istio</c>, <c>agentgateway</c>, …) belongs to another controller and produces nothing.
/// </remarks>
[Rule("kgateway.gateways.class", Order = 400, Profile = "kgateway",
    Description = "A Gateway that is not a waypoint is translated when its class is kgateway's: a GatewayClass with controllerName kgateway.dev/kgateway, or, without one in the input, the class named kgateway.")]
public sealed class KgatewayGatewayClass : IGatewayClassRule
{
    /// <summary>The controller name of kgateway's GatewayClasses.</summary>
    public const string ControllerName = "kgateway.dev/kgateway";

    /// <summary>The GatewayClass kgateway installs for ordinary Gateways.</summary>
    public const string DefaultClassName = "kgateway";

    /// <inheritdoc />
    public bool? TranslatesGateway(GatewayCapture gateway, TranslationContext context)
    {
        if (gateway.IsWaypoint || gateway.Listener is not null)
        {
            return false;
        }

        var className = gateway.Gateway.Spec?.GatewayClassName ?? string.Empty;
        if (className == (context.Settings.WaypointClassName ?? KgatewayWaypointClass.ClassName))
        {
            return false;
        }

        return context.Rules.FindGatewayClass(className) is { } gatewayClass
            ? gatewayClass.Spec?.ControllerName == ControllerName
            : className == DefaultClassName;
    }
}
