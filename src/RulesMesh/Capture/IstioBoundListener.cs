using System.Globalization;
using RulesMesh.Models.GatewayNetworkingK8sIo.V1;
using RulesMesh.Rules;

namespace RulesMesh.Capture;

/// <summary>
/// The listener istiod reads a waypoint's <c>allowedRoutes</c> from (docs/spec/istio-gatewayapi.md §6.2): the one on the port of
/// the Gateway's <c>ambient.istio.io/waypoint-inbound-binding</c> annotation (<c>&lt;protocol&gt;/&lt;port&gt;</c>), else
/// the HBONE listener on 15008. The annotation on the Gateway takes precedence over the one on its GatewayClass.
/// </summary>
internal static class IstioBoundListener
{
    /// <summary>The annotation that tells ztunnel how to hand traffic to the waypoint.</summary>
    public const string InboundBindingAnnotation = "ambient.istio.io/waypoint-inbound-binding";

    /// <summary>The protocol of the standard waypoint listener.</summary>
    public const string HboneProtocol = "HBONE";

    /// <summary>The port of the standard waypoint listener.</summary>
    public const int HbonePort = 15008;

    /// <summary>The bound listener, or null when the Gateway has none.</summary>
    public static GatewayListener? Find(Gateway gateway, RuleContext context)
    {
        var listeners = gateway.Spec.Listeners;
        if (BindingPort(gateway, context) is { } port && listeners.FirstOrDefault(l => l.Port == port) is { } bound)
        {
            return bound;
        }

        return listeners.FirstOrDefault(static l => l.Protocol == HboneProtocol && l.Port == HbonePort);
    }

    /// <summary>
    /// istiod's <c>getInboundBinding</c>: <c>&lt;protocol&gt;</c> or <c>&lt;protocol&gt;/&lt;port&gt;</c>, the protocol exactly
    /// <c>NONE</c> or <c>PROXY</c> and the port an unsigned number. The Gateway's annotation, when present, is the one read
    /// (an invalid one does not fall back to the GatewayClass's); an invalid value is ignored, as istiod logs and ignores
    /// it, and a binding without a port names no listener.
    /// </summary>
    private static int? BindingPort(Gateway gateway, RuleContext context)
    {
        var binding = Annotation(gateway.Metadata?.Annotations) ?? Annotation(context.FindGatewayClass(gateway.Spec.GatewayClassName)?.Metadata?.Annotations);
        if (binding is null)
        {
            return null;
        }

        var parts = binding.Split('/');
        if (parts.Length > 2 || parts[0] is not ("NONE" or "PROXY"))
        {
            return null;
        }

        return parts.Length == 2 && uint.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var port) && port <= int.MaxValue ? (int)port : null;
    }

    private static string? Annotation(IDictionary<string, string>? annotations)
        => annotations is not null && annotations.TryGetValue(InboundBindingAnnotation, out var binding) ? binding : null;
}
