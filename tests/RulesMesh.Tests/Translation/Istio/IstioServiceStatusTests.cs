using System.Text;
using RulesMesh.Capture;
using RulesMesh.Rules;
using RulesMesh.Tests.Translation.Backends;
using RulesMesh.Translation.Output;
using static RulesMesh.Tests.Translation.Backends.BackendsHarness;
using static RulesMesh.Tests.Translation.Istio.IstioWaypointHarness;

namespace RulesMesh.Tests.Translation.Istio;

/// <summary>
/// The istio profile writes the waypoint conditions istiod writes to Services and ServiceEntries
/// (docs/spec/istio-gatewayapi.md §6.4 item 6); each expected condition is written by hand from the spec.
/// </summary>
public sealed class IstioServiceStatusTests
{
    private const string Reviews = """
        apiVersion: v1
        kind: Service
        metadata: { name: reviews, namespace: shop, labels: { istio.io/use-waypoint: waypoint } }
        spec: { clusterIP: 10.96.0.10, ports: [{ name: http, port: 9080 }] }
        ---

        """;

    private static XdsSnapshot Translate(string yaml, ServiceEntryVisibility? visibility = null)
        => new WaypointTranslator(WaypointPipelines.Create("istio"), new EngineSettings { ServiceEntryVisibility = visibility }).Translate(Load(yaml));

    private static IReadOnlyList<(string Type, string Status, string Reason, string Message)> Conditions(IReadOnlyDictionary<string, ServiceWaypointStatus> statuses, string key)
        => statuses.TryGetValue(key, out var status)
            ? [.. status.Conditions.Select(static c => (c.Type, c.Status, c.Reason, c.Message))]
            : throw new Xunit.Sdk.XunitException($"No status for {key}; there are: {string.Join(", ", statuses.Keys)}");

    private static string ServiceEntry(string name, string ns, string hosts, string labels = "{}", string annotations = "{}") => $$"""
        apiVersion: networking.istio.io/v1
        kind: ServiceEntry
        metadata: { name: {{name}}, namespace: {{ns}}, labels: {{labels}}, annotations: {{annotations}} }
        spec:
          hosts: {{hosts}}
          addresses: [240.240.0.1]
          ports: [{ number: 80, name: http, protocol: HTTP }]
          resolution: STATIC
          endpoints: [{ address: 10.1.0.1 }]
        ---

        """;

    private static readonly string WorkloadOnlyWaypoint = Waypoint.Replace("metadata: { name: waypoint, namespace: shop }", "metadata: { name: waypoint, namespace: shop, labels: { istio.io/waypoint-for: workload } }", StringComparison.Ordinal);

    // A Service in namespace other naming the waypoint in shop, whose listener admits only its own namespace.
    private const string RatingsInOtherNamespace = """
        apiVersion: v1
        kind: Service
        metadata: { name: ratings, namespace: other, labels: { istio.io/use-waypoint: waypoint, istio.io/use-waypoint-namespace: shop } }
        spec: { clusterIP: 10.96.0.11, ports: [{ name: http, port: 9080 }] }
        """;

    [Fact]
    public void AServiceBoundToItsWaypointIsWaypointBoundTrueWithTheAttachedMessage()
    {
        var snapshot = Translate(Waypoint + Reviews);

        Assert.Equal([("istio.io/WaypointBound", "True", "WaypointAccepted", "Successfully attached to waypoint shop/waypoint")], Conditions(snapshot.ServiceStatuses, "shop/reviews"));
    }

    [Fact]
    public void TheIngressUseWaypointLabelAddsTheIngressNoteToTheBoundMessage()
    {
        var snapshot = Translate(Waypoint + Reviews.Replace("istio.io/use-waypoint: waypoint", "istio.io/use-waypoint: waypoint, istio.io/ingress-use-waypoint: \"true\"", StringComparison.Ordinal));

        Assert.Equal("Successfully attached to waypoint shop/waypoint. Ingress traffic will traverse the waypoint", Conditions(snapshot.ServiceStatuses, "shop/reviews").Single().Message);
    }

    [Fact]
    public void AServiceNamingAMissingWaypointIsWaypointBoundFalseWaypointIsNotReady()
    {
        var snapshot = Translate(Waypoint + Reviews.Replace("istio.io/use-waypoint: waypoint", "istio.io/use-waypoint: gone", StringComparison.Ordinal));

        var bound = Conditions(snapshot.ServiceStatuses, "shop/reviews").Single();
        Assert.Equal(("istio.io/WaypointBound", "False", "WaypointIsNotReady"), (bound.Type, bound.Status, bound.Reason));
    }

    [Fact]
    public void AServiceInANamespaceTheWaypointDoesNotAdmitIsWaypointBoundFalseAttachmentDenied()
    {
        var snapshot = Translate(Waypoint + RatingsInOtherNamespace);

        Assert.Equal("AttachmentDenied", Conditions(snapshot.ServiceStatuses, "other/ratings").Single().Reason);
    }

    [Fact]
    public void AServiceWhoseWaypointTakesOnlyWorkloadsIsWaypointBoundFalseUnsupportedTrafficType()
    {
        var snapshot = Translate(WorkloadOnlyWaypoint + Reviews);

        Assert.Equal("UnsupportedTrafficType", Conditions(snapshot.ServiceStatuses, "shop/reviews").Single().Reason);
    }

    [Fact]
    public void AServiceAWorkloadOnlyWaypointDoesNotAdmitIsAttachmentDeniedBeforeUnsupportedTrafficType()
    {
        // §6.3: fetchWaypointForTarget checks AllowedRoutes; only then does fetchWaypointForService check the traffic type.
        var snapshot = Translate(WorkloadOnlyWaypoint + RatingsInOtherNamespace);

        Assert.Equal("AttachmentDenied", Conditions(snapshot.ServiceStatuses, "other/ratings").Single().Reason);
    }

    [Fact]
    public void AServiceWithoutAnyWaypointLabelGetsNoStatus()
    {
        var snapshot = Translate(Waypoint + Reviews.Replace("labels: { istio.io/use-waypoint: waypoint }", "labels: {}", StringComparison.Ordinal));

        Assert.Empty(snapshot.ServiceStatuses);
    }

    [Fact]
    public void AWildcardServiceEntryWithoutAWaypointIsWaypointMissingNoWaypointForWildcardService()
    {
        var snapshot = Translate(Waypoint + ServiceEntry("wild", "shop", "[\"*.example.com\"]"));

        Assert.Equal(
            [("istio.io/WaypointMissing", "True", "NoWaypointForWildcardService", "ServiceEntry will not apply until it is bound to a valid waypoint.")],
            Conditions(snapshot.ServiceEntryStatuses, "shop/wild"));
    }

    [Fact]
    public void ARacingConnectStrategyServiceEntryWithoutAWaypointIsWaypointMissingNoWaypointForRacingConnectStrategy()
    {
        var snapshot = Translate(Waypoint + ServiceEntry("racing", "shop", "[api.example.com]", annotations: "{ istio.io/connect-strategy: RACE_FIRST_TCP_CONNECT }"));

        var missing = Conditions(snapshot.ServiceEntryStatuses, "shop/racing").Single();
        Assert.Equal(("istio.io/WaypointMissing", "True", "NoWaypointForRacingConnectStrategy"), (missing.Type, missing.Status, missing.Reason));
    }

    [Fact]
    public void TheKgatewayProfileWritesNoServiceStatuses()
    {
        var snapshot = BackendsHarness.Translate(Waypoint + Reviews + ServiceEntry("wild", "shop", "[\"*.example.com\"]"));

        Assert.Empty(snapshot.ServiceStatuses);
        Assert.Empty(snapshot.ServiceEntryStatuses);
    }

    [Fact]
    public void TheDocumentHasAServicesSectionOnlyWhenSomeServiceHasConditions()
    {
        var bound = DocumentText(Translate(Waypoint + Reviews));
        var unbound = DocumentText(Translate(Waypoint));

        Assert.Contains("  services:\n    shop/reviews:\n      conditions:\n", bound, StringComparison.Ordinal);
        Assert.DoesNotContain("services:", unbound, StringComparison.Ordinal);
    }

    private static string DocumentText(XdsSnapshot snapshot)
    {
        using var text = new MemoryStream();
        XdsDocument.WriteYaml(snapshot, text);
        return Encoding.UTF8.GetString(text.ToArray()).Replace("\r\n", "\n", StringComparison.Ordinal);
    }
}
