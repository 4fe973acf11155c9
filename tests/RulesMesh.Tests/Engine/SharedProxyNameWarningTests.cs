using RulesMesh.Store;
using RulesMesh.Synthetic;
using RulesMesh.Translation;
using RulesMesh.Translation.Output;

namespace RulesMesh.Tests.Engine;

/// <summary>
/// Translating every waypoint at once gives each its own proxy, whose listeners share their names: the warning that says
/// so names the Gateways, and past three of them counts the rest instead of listing hundreds.
/// </summary>
public sealed class SharedProxyNameWarningTests
{
    [Fact]
    public void A_name_two_gateways_produce_is_reported_with_both_gateways()
    {
        var warning = ListenerWarning(waypoints: 2);

        Assert.Equal("produced by 2 Gateways (ns-0/waypoint, ns-1/waypoint), each its own proxy; translate one of them with --gateway to get that proxy's configuration.", warning.Message);
    }

    [Fact]
    public void A_name_many_gateways_produce_is_reported_with_the_first_three_gateways_and_a_count_of_the_rest()
    {
        var warning = ListenerWarning(waypoints: 12);

        // Gateways in ordinal order of namespace, then name: ns-10 and ns-11 come before ns-2.
        Assert.Equal("produced by 12 Gateways (ns-0/waypoint, ns-1/waypoint, ns-10/waypoint and 9 more), each its own proxy; translate one of them with --gateway to get that proxy's configuration.", warning.Message);
    }

    [Fact]
    public void A_single_gateway_gives_no_shared_name_warning()
    {
        var snapshot = Translate(waypoints: 1);

        Assert.DoesNotContain(snapshot.Warnings, static w => w.Message.Contains("Gateways", StringComparison.Ordinal));
    }

    private static TranslationWarning ListenerWarning(int waypoints)
        => Assert.Single(Translate(waypoints).Warnings, static w => w.Subject == "listener proxy_protocol_inbound");

    private static XdsSnapshot Translate(int waypoints)
        => new WaypointTranslator().Translate(new ResourceStore(SyntheticMesh.Build(new SyntheticMeshOptions { Services = waypoints, ServiceEntries = 0, Workloads = waypoints, Waypoints = waypoints })));
}
