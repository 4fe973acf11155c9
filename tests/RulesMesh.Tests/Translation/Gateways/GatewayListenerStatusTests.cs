using RulesMesh.Models.GatewayNetworkingK8sIo.V1;
using static RulesMesh.Tests.Translation.Gateways.GatewayHarness;

namespace RulesMesh.Tests.Translation.Gateways;

/// <summary>
/// What an ordinary Gateway's status says about listeners it cannot serve, from the Gateway CRD text (<c>spec.listeners</c>
/// on indistinct listeners, <c>listeners.tls.certificateRefs</c>).
/// </summary>
public sealed class GatewayListenerStatusTests
{
    private static string HttpsListener(string certificateRef)
        => "{name: https, port: 8443, protocol: HTTPS, tls: {mode: Terminate, certificateRefs: [" + certificateRef + "]}}";

    private const string TlsSecret = """
        apiVersion: v1
        kind: Secret
        metadata: {name: cert, namespace: certs}
        type: kubernetes.io/tls
        data: {tls.crt: Y2VydA==, tls.key: a2V5}
        ---

        """;

    private const string GrantToGwtestGateways = """
        apiVersion: gateway.networking.k8s.io/v1beta1
        kind: ReferenceGrant
        metadata: {name: gateways, namespace: certs}
        spec:
          from: [{group: gateway.networking.k8s.io, kind: Gateway, namespace: gwtest}]
          to: [{group: '', kind: Secret}]
        ---

        """;

    private static (string Status, string Reason) Condition(GatewayStatusListener listener, string type)
        => listener.Conditions.Single(c => c.Type == type) is var c ? (c.Status, c.Reason) : default;

    [Fact]
    public void A_Gateway_with_no_valid_listener_is_not_programmed()
    {
        // "At least one distinct Listener MUST be present, or else the Gateway effectively contains no Listeners, and
        // must be rejected from processing as a whole."
        var snapshot = Translate(Gateway("gw", Listener("tcp", 9000, protocol: "TCP")) + TwoServices);

        var programmed = GatewayStatus(snapshot).Conditions!.Single(c => c.Type == "Programmed");
        Assert.Equal("False", programmed.Status);
    }

    [Fact]
    public void Conflicted_listeners_are_not_accepted()
    {
        // "The implementation MUST NOT pick one conflicting Listener as the winner. ALL indistinct Listeners must not be
        // accepted for processing."
        var snapshot = Translate(Gateway("gw", Listener("a", 8080), Listener("b", 8080, protocol: "TCP"), Listener("c", 9090)) + TwoServices);

        // Gateway API's reason for a listener not accepted for its port (ListenerReasonPortUnavailable).
        Assert.Equal(("False", "PortUnavailable"), Condition(ListenerStatus(snapshot, "a"), "Accepted"));
        Assert.Equal(("False", "PortUnavailable"), Condition(ListenerStatus(snapshot, "b"), "Accepted"));
        Assert.Equal(("True", "Accepted"), Condition(ListenerStatus(snapshot, "c"), "Accepted"));
    }

    [Fact]
    public void A_certificateRef_to_another_namespace_without_a_ReferenceGrant_is_RefNotPermitted()
    {
        // "If a ReferenceGrant does not allow this reference, the "ResolvedRefs" condition MUST be set to False for this
        // listener with the "RefNotPermitted" reason."
        var snapshot = Translate(Gateway("gw", Listener("http", 8080), HttpsListener("{name: cert, namespace: certs}")) + TwoServices + TlsSecret);

        Assert.Equal(("False", "RefNotPermitted"), Condition(ListenerStatus(snapshot, "https"), "ResolvedRefs"));
    }

    [Fact]
    public void A_certificateRef_a_ReferenceGrant_allows_resolves()
    {
        var snapshot = Translate(Gateway("gw", Listener("http", 8080), HttpsListener("{name: cert, namespace: certs}")) + TwoServices + TlsSecret + GrantToGwtestGateways);

        Assert.Equal(("True", "ResolvedRefs"), Condition(ListenerStatus(snapshot, "https"), "ResolvedRefs"));
    }

    [Fact]
    public void A_certificateRef_to_a_missing_Secret_does_not_resolve()
    {
        var snapshot = Translate(Gateway("gw", Listener("http", 8080), HttpsListener("{name: missing}")) + TwoServices);

        Assert.Equal(("False", "InvalidCertificateRef"), Condition(ListenerStatus(snapshot, "https"), "ResolvedRefs"));
    }
}
