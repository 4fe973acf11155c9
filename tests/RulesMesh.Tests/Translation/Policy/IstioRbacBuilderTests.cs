using RulesMesh.Mesh;
using RulesMesh.Models.SecurityIstioIo.V1;
using RulesMesh.Translation.Policy;
using static RulesMesh.Tests.Translation.Listeners.WaypointFixture;

namespace RulesMesh.Tests.Translation.Policy;

public sealed class IstioRbacBuilderTests
{
    [Fact]
    public void No_policies_build_no_filters()
    {
        Assert.Empty(IstioRbacBuilder.BuildHttp([]));
        Assert.Empty(IstioRbacBuilder.BuildTcp([]));
    }

    [Fact]
    public void An_unknown_action_is_reported_and_skipped()
    {
        var warnings = new List<string>();
        var policy = new AuthorizationPolicyEntry(new NamespacedName("infra", "odd"), new AuthorizationPolicySpec
        {
            Action = AuthorizationPolicyAction.FromWire("MAYBE"),
            Rules = [new AuthorizationPolicyRule()],
        });

        Assert.Empty(IstioRbacBuilder.BuildHttp([policy], w => warnings.Add(w.ToString())));
        Assert.Equal(["AuthorizationPolicy infra/odd: unknown action 'MAYBE'; the policy is ignored."], warnings);
    }

    [Fact]
    public void An_unset_action_is_allow()
    {
        var policy = new AuthorizationPolicyEntry(new NamespacedName("infra", "p"), new AuthorizationPolicySpec { Rules = [new AuthorizationPolicyRule()] });

        var filter = Assert.Single(IstioRbacBuilder.BuildHttp([policy]));
        AssertJson("""
            {"name":"envoy.filters.http.rbac","typedConfig":{"@type":"type.googleapis.com/envoy.extensions.filters.http.rbac.v3.RBAC",
              "rules":{"policies":{"ns[infra]-policy[p]-rule[0]":{
                "permissions":[{"andRules":{"rules":[{"any":true}]}}],
                "principals":[{"andIds":{"ids":[{"any":true}]}}]}}},
              "shadowRulesStatPrefix":"istio_dry_run_allow_"}}
            """, filter);
    }

    [Fact]
    public void The_index_finds_service_policies_by_core_group_and_gateway_policies_with_the_root_gatewayclass()
    {
        static AuthorizationPolicyEntry Targeting(string ns, string name, string group, string kind, string target)
            => new(new NamespacedName(ns, name), new AuthorizationPolicySpec { TargetRefs = [new AuthorizationPolicyTargetRef { Group = group, Kind = kind, Name = target }] });

        var index = new AuthorizationPolicyIndex(
            [
                Targeting("infra", "core", "core", "Service", "svc"),
                Targeting("infra", "gw", "gateway.networking.k8s.io", "Gateway", "wp"),
                Targeting("istio-system", "class", "gateway.networking.k8s.io", "GatewayClass", "kgateway-waypoint"),
                Targeting("istio-system", "other-class", "gateway.networking.k8s.io", "GatewayClass", "istio-waypoint"),
            ],
            "istio-system");

        var service = new MeshService(new ObjectKey("", "Service", "infra", "svc"), new k8s.Models.V1Service(), new Dictionary<string, string>(), [], ["1.1.1.1"], [], []);
        Assert.Equal(["core"], index.ForService(service).Select(p => p.Name.Name));
        Assert.Equal(["gw", "class", "core"], index.For(new NamespacedName("infra", "wp"), service).Select(p => p.Name.Name));
        Assert.Equal(["gw", "class"], index.ForGateway(new NamespacedName("infra", "wp")).Select(p => p.Name.Name));
        // In the root namespace itself the GatewayClass is not looked up (kgateway's rule).
        Assert.Empty(index.ForGateway(new NamespacedName("istio-system", "wp")));
    }
}
