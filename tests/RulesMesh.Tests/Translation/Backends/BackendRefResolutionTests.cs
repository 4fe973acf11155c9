using RulesMesh.Mesh;
using RulesMesh.Translation;
using RulesMesh.Translation.Routes;
using static RulesMesh.Tests.Translation.Backends.BackendsHarness;

namespace RulesMesh.Tests.Translation.Backends;

/// <summary>kgateway.backends.backend-ref, istio.backends.backend-ref and kgateway.backends.unsupported-backend-kind (docs/spec/kgateway-waypoint.md §3.6; docs/spec/istio-gatewayapi.md §7).</summary>
public sealed class BackendRefResolutionTests
{
    private static readonly ObjectKey Route = new("gateway.networking.k8s.io", "HTTPRoute", "infra", "route");

    private static string Service(string ns, string name, int port = 80) => $$"""
        apiVersion: v1
        kind: Service
        metadata: { name: {{name}}, namespace: {{ns}} }
        spec:
          clusterIP: 10.0.0.1
          ports: [{ name: http, port: {{port}} }]
        ---

        """;

    private static string Entry(string ns, string name, string hosts, string ports = "[{ number: 80, name: http, protocol: HTTP }]", string? created = null, string resolution = "STATIC") => $"""
        apiVersion: networking.istio.io/v1
        kind: ServiceEntry
        metadata:
          name: {name}
          namespace: {ns}
          {(created is null ? string.Empty : "creationTimestamp: " + created)}
        spec:
          hosts: {hosts}
          ports: {ports}
          resolution: {resolution}
        ---

        """;

    private static string Grant(string ns, string toGroup, string toKind, string? toName = null, string apiVersion = "gateway.networking.k8s.io/v1beta1") => $$"""
        apiVersion: {{apiVersion}}
        kind: ReferenceGrant
        metadata: { name: allow, namespace: {{ns}} }
        spec:
          from: [{ group: gateway.networking.k8s.io, kind: HTTPRoute, namespace: infra }]
          to: [{ group: "{{toGroup}}", kind: {{toKind}}{{(toName is null ? string.Empty : ", name: " + toName)}} }]
        ---

        """;

    private static BackendRefRequest Ref(string? group, string? kind, string name, int? port, string? ns = null)
        => new(Route, Route.Namespace, group, kind, ns, name, port);

    private static BackendResolution Resolve(TranslationContext context, BackendRefRequest request)
        => context.Pipeline.Stage<IBackendRefRule>().ResolveBackendRef(request, context) ?? throw new Xunit.Sdk.XunitException("no rule resolved the ref");

    private static string Resolved(TranslationContext context, BackendRefRequest request)
    {
        var resolution = Resolve(context, request);
        Assert.True(resolution.Backend is not null, $"{resolution.FailureReason}: {resolution.FailureMessage}");
        return resolution.Backend!.ClusterName;
    }

    private static void AssertFails(TranslationContext context, BackendRefRequest request, string reason, string message)
    {
        var resolution = Resolve(context, request);
        Assert.Null(resolution.Backend);
        Assert.Equal(reason, resolution.FailureReason);
        Assert.Equal(message, resolution.FailureMessage);
    }

    [Fact]
    public void AServiceRefDefaultsToTheCoreGroupTheServiceKindAndTheRoutesNamespace()
    {
        var context = Context(Service("infra", "svc-a", 5000));

        Assert.Equal("kube_infra_svc-a_5000", Resolved(context, Ref(null, null, "svc-a", 5000)));
        Assert.Equal("kube_infra_svc-a_5000", Resolved(context, Ref("", "Service", "svc-a", 5000)));
        Assert.Equal("kube_infra_svc-a_5000", Resolved(context, Ref("core", "Service", "svc-a", 5000, "infra")));
    }

    [Fact]
    public void AServiceRefFailsWithBackendNotFound()
    {
        var context = Context(Service("infra", "svc-a", 5000));

        AssertFails(context, Ref(null, null, "svc-x", 5000), "BackendNotFound", "Service infra/svc-x not found");
        AssertFails(context, Ref(null, null, "svc-a", 9999), "BackendNotFound", "Service infra/svc-a has no port 9999");
        AssertFails(context, Ref(null, null, "svc-a", null), "BackendNotFound", "backendRef to Service infra/svc-a has no port; a Service backendRef needs one");
    }

    [Theory]
    [InlineData("gateway.networking.k8s.io/v1beta1")]
    [InlineData("gateway.networking.k8s.io/v1")]
    public void ACrossNamespaceServiceRefNeedsAReferenceGrant(string grantVersion)
    {
        var denied = Context(Service("other", "svc-b"));
        AssertFails(denied, Ref(null, null, "svc-b", 80, "other"), "RefNotPermitted",
            "backendRef to Service other/svc-b in namespace other is not permitted: no ReferenceGrant in other allows references from HTTPRoute in namespace infra");

        Assert.Equal("kube_other_svc-b_80", Resolved(Context(Service("other", "svc-b") + Grant("other", "", "Service", apiVersion: grantVersion)), Ref(null, null, "svc-b", 80, "other")));
        Assert.Equal("kube_other_svc-b_80", Resolved(Context(Service("other", "svc-b") + Grant("other", "", "Service", "svc-b", grantVersion)), Ref(null, null, "svc-b", 80, "other")));
    }

    [Fact]
    public void AReferenceGrantForAnotherNameKindOrNamespaceDoesNotPermit()
    {
        const string Expected = "backendRef to Service other/svc-b in namespace other is not permitted: no ReferenceGrant in other allows references from HTTPRoute in namespace infra";
        AssertFails(Context(Service("other", "svc-b") + Grant("other", "", "Service", "svc-c")), Ref(null, null, "svc-b", 80, "other"), "RefNotPermitted", Expected);
        AssertFails(Context(Service("other", "svc-b") + Grant("other", "networking.istio.io", "ServiceEntry")), Ref(null, null, "svc-b", 80, "other"), "RefNotPermitted", Expected);
        AssertFails(Context(Service("other", "svc-b") + Grant("infra", "", "Service")), Ref(null, null, "svc-b", 80, "other"), "RefNotPermitted", Expected);
    }

    [Fact]
    public void AServiceEntryRefPicksTheSmallestHostOfTheEntry()
    {
        var context = Context(Entry("infra", "se-a", "[z.example.com, b.example.com, m.example.com]"));

        Assert.Equal("istio-se_infra_se-a_b.example.com_80", Resolved(context, Ref("networking.istio.io", "ServiceEntry", "se-a", 80)));
    }

    [Fact]
    public void AServiceEntryRefFailsClearly()
    {
        var context = Context(Entry("infra", "se-a", "[a.example.com]") + Entry("infra", "se-none", "[n.example.com]", resolution: "NONE") + Entry("other", "se-o", "[o.example.com]"));

        AssertFails(context, Ref("networking.istio.io", "ServiceEntry", "se-x", 80), "BackendNotFound", "ServiceEntry infra/se-x not found");
        AssertFails(context, Ref("networking.istio.io", "ServiceEntry", "se-a", 81), "BackendNotFound", "ServiceEntry infra/se-a has no port 81");
        AssertFails(context, Ref("networking.istio.io", "ServiceEntry", "se-none", 80), "BackendNotFound", "ServiceEntry infra/se-none has no backends (resolution NONE or unsupported)");
        AssertFails(context, Ref("networking.istio.io", "ServiceEntry", "se-o", 80, "other"), "RefNotPermitted",
            "backendRef to ServiceEntry other/se-o in namespace other is not permitted: no ReferenceGrant in other allows references from HTTPRoute in namespace infra");
    }

    [Fact]
    public void AHostnameRefIsGlobalAndNeedsNoReferenceGrant()
    {
        var context = Context(Entry("other", "se-a", "[a.example.com, b.example.com]"));

        Assert.Equal("istio-se_other_se-a_a.example.com_80", Resolved(context, Ref("networking.istio.io", "Hostname", "a.example.com", 80)));
        Assert.Equal("istio-se_other_se-a_b.example.com_80", Resolved(context, Ref("networking.istio.io", "Hostname", "b.example.com", 80)));
    }

    [Fact]
    public void AmongServiceEntriesWithTheSameHostTheOldestWins()
    {
        var context = Context(
            Entry("team-b", "newer", "[shared.example.com]", created: "2024-05-01T00:00:00Z")
            + Entry("team-a", "older", "[shared.example.com]", created: "2024-01-01T00:00:00Z"));

        Assert.Equal("istio-se_team-a_older_shared.example.com_80", Resolved(context, Ref("networking.istio.io", "Hostname", "shared.example.com", 80)));
    }

    [Fact]
    public void AmongServiceEntriesOfTheSameAgeTheSmallestResourceNameWins()
    {
        var context = Context(
            Entry("team-b", "se", "[shared.example.com]", created: "2024-01-01T00:00:00Z")
            + Entry("team-a", "zz", "[shared.example.com]", created: "2024-01-01T00:00:00Z")
            + Entry("team-a", "se", "[shared.example.com]", created: "2024-01-01T00:00:00Z"));

        // networking.istio.io/ServiceEntry/team-a/se:80_shared.example.com is the smallest.
        Assert.Equal("istio-se_team-a_se_shared.example.com_80", Resolved(context, Ref("networking.istio.io", "Hostname", "shared.example.com", 80)));
    }

    [Fact]
    public void AMultiPortHostResolvesToTheRequestedPort()
    {
        var context = Context(Entry("gwtest", "example-se", "[se.example.com]",
            "[{ number: 80, name: http, protocol: HTTP, targetPort: 18080 }, { number: 443, name: https, protocol: HTTPS, targetPort: 18443 }]"));

        Assert.Equal("istio-se_gwtest_example-se_se.example.com_80", Resolved(context, Ref("networking.istio.io", "Hostname", "se.example.com", 80)));
        Assert.Equal("istio-se_gwtest_example-se_se.example.com_443", Resolved(context, Ref("networking.istio.io", "Hostname", "se.example.com", 443)));
        AssertFails(context, Ref("networking.istio.io", "Hostname", "se.example.com", 8080), "BackendNotFound",
            "no ServiceEntry in any namespace has host se.example.com with port 8080");
    }

    [Fact]
    public void AHostnameRefWithANamespaceMatchesNothing()
    {
        var context = Context(Entry("infra", "se-a", "[a.example.com]"));

        AssertFails(context, Ref("networking.istio.io", "Hostname", "a.example.com", 80, "infra"), "BackendNotFound",
            "Hostname a.example.com in namespace infra not found: Hostname backendRefs are global, leave out the namespace");
        AssertFails(context, Ref("networking.istio.io", "Hostname", "a.example.com", 80, "other"), "RefNotPermitted",
            "backendRef to Hostname a.example.com in namespace other is not permitted: no ReferenceGrant in other allows references from HTTPRoute in namespace infra");
    }

    [Fact]
    public void AnUnsupportedKindFailsWithInvalidKind()
    {
        var context = Context(Service("infra", "svc-a"));

        AssertFails(context, Ref("gateway.kgateway.dev", "Backend", "thing", 80), "InvalidKind", "referencing unsupported backendRef: group \"gateway.kgateway.dev\" kind \"Backend\"");
        AssertFails(context, Ref("", "ConfigMap", "thing", 80), "InvalidKind", "referencing unsupported backendRef: group \"\" kind \"ConfigMap\"");
    }

    [Fact]
    public void TheIstioProfileReplacesTheKgatewayResolver()
    {
        var rules = WaypointPipelines.Create("istio").Rules.Select(static r => r.Name).ToList();

        Assert.Contains("istio.backends.backend-ref", rules);
        Assert.DoesNotContain("kgateway.backends.backend-ref", rules);
        Assert.Contains("kgateway.backends.backend-ref", WaypointPipelines.Create("kgateway").Rules.Select(static r => r.Name));
    }

    [Fact]
    public void IstioLooksHostnamesUpInTheRoutesNamespaceOnlyAndReportsWhatIstiodReports()
    {
        var context = Context(Entry("infra", "local", "[local.example.com]") + Entry("other", "remote", "[remote.example.com]"), "istio");

        Assert.Equal("outbound|80||local.example.com", Resolved(context, Ref("networking.istio.io", "Hostname", "local.example.com", 80)));
        AssertFails(context, Ref("networking.istio.io", "Hostname", "remote.example.com", 80), "BackendNotFound", "backend(remote.example.com) not found");
        AssertFails(context, Ref("networking.istio.io", "Hostname", "local.example.com", null), "InvalidDestination", "port is required in backendRef");
        AssertFails(context, Ref("networking.istio.io", "Hostname", "local.example.com", 80, "infra"), "InvalidDestination", "namespace may not be set with Hostname type");
        AssertFails(context, Ref("networking.istio.io", "Hostname", "remote.example.com", 80, "other"), "RefNotPermitted",
            "backendRef remote.example.com/other not accessible to a HTTPRoute in namespace \"infra\" (missing a ReferenceGrant?)");
    }

    [Fact]
    public void IstioResolvesAHostnameToAServiceBeforeAServiceEntryOfTheSameHost()
    {
        var context = Context(
            Entry("infra", "squatter", "[svc-a.infra.svc.cluster.local]", created: "2020-01-01T00:00:00Z")
            + Service("infra", "svc-a"),
            "istio");

        var backend = Resolve(context, Ref("networking.istio.io", "Hostname", "svc-a.infra.svc.cluster.local", 80)).Backend;
        Assert.NotNull(backend);
        Assert.Equal("Service", backend.Key.Kind);
        Assert.Equal("outbound|80||svc-a.infra.svc.cluster.local", backend.ClusterName);
    }

    [Fact]
    public void IstioDoesNotSupportServiceEntryRefsAndRejectsDottedServiceNames()
    {
        var context = Context(Entry("infra", "se-a", "[a.example.com]") + Service("infra", "svc-a"), "istio");

        AssertFails(context, Ref("networking.istio.io", "ServiceEntry", "se-a", 80), "InvalidKind", "referencing unsupported backendRef: group \"networking.istio.io\" kind \"ServiceEntry\"");
        AssertFails(context, Ref(null, null, "svc-a.infra", 80), "InvalidDestination", "service name invalid; the name field should not include the namespace");
        AssertFails(context, Ref(null, null, "svc-x", 80), "BackendNotFound", "backend(svc-x.infra.svc.cluster.local) not found");
        Assert.Equal("outbound|80||svc-a.infra.svc.cluster.local", Resolved(context, Ref(null, null, "svc-a", 80)));
    }
}
