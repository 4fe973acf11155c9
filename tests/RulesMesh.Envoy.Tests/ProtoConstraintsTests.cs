using Envoy.Config.Cluster.V3;
using Envoy.Config.Core.V3;
using Envoy.Config.Listener.V3;
using Envoy.Config.Route.V3;
using Envoy.Extensions.Filters.Network.HttpConnectionManager.V3;
using Google.Protobuf.WellKnownTypes;
using RulesMesh.Xds.Constraints;

namespace RulesMesh.Xds.Tests;

/// <summary>
/// The rules Envoy's protos declare (protoc-gen-validate annotations, quoted in each test from the proto files of
/// @grpc/grpc-js-xds 1.14.1) are found and applied as Envoy applies them.
/// </summary>
public sealed class ProtoConstraintsTests
{
    private readonly ProtoConstraints _constraints = ProtoConstraints.ForEnvoy();

    [Fact]
    public void A_valid_cluster_breaks_no_rule()
        => Assert.Empty(_constraints.Check(Cluster("backend", Endpoint("10.0.0.1", 8080))));

    [Fact]
    public void A_string_shorter_than_its_min_len_is_reported_with_its_path()
    {
        // address.proto: string address = 2 [(validate.rules).string = {min_len: 1}];
        var violation = Assert.Single(_constraints.Check(Cluster("backend", Endpoint(string.Empty, 8080))));
        Assert.Equal("load_assignment.endpoints[0].lb_endpoints[0].endpoint.address.socket_address.address", violation.Path);
        Assert.Equal("must be at least 1 character(s) long, is \"\"", violation.Message);
    }

    [Fact]
    public void A_number_above_its_bound_is_reported()
    {
        // address.proto: uint32 port_value = 3 [(validate.rules).uint32 = {lte: 65535}];
        var violation = Assert.Single(_constraints.Check(Cluster("backend", Endpoint("10.0.0.1", 65536))));
        Assert.Equal("load_assignment.endpoints[0].lb_endpoints[0].endpoint.address.socket_address.port_value", violation.Path);
        Assert.Equal("must be at most 65535, is 65536", violation.Message);
    }

    [Fact]
    public void A_duration_that_is_not_above_its_bound_is_reported_and_an_unset_one_is_not()
    {
        // cluster.proto: google.protobuf.Duration connect_timeout = 4 [(validate.rules).duration = {gt {}}];
        var cluster = Cluster("backend", Endpoint("10.0.0.1", 80));
        cluster.ConnectTimeout = new Duration();
        Assert.Equal("connect_timeout: must be greater than 0, is 0", Assert.Single(_constraints.Check(cluster)).ToString());

        cluster.ConnectTimeout = null;
        Assert.Empty(_constraints.Check(cluster));
    }

    [Fact]
    public void An_enum_value_the_proto_does_not_define_is_reported()
    {
        // cluster.proto: LbPolicy lb_policy = 6 [(validate.rules).enum = {defined_only: true}];
        var cluster = Cluster("backend", Endpoint("10.0.0.1", 80));
        cluster.LbPolicy = (Cluster.Types.LbPolicy)99;
        Assert.Equal("lb_policy: must be one of the values envoy.config.cluster.v3.Cluster.LbPolicy defines, is 99", Assert.Single(_constraints.Check(cluster)).ToString());
    }

    [Fact]
    public void Too_few_items_an_unset_required_oneof_and_header_rules_are_reported_in_nested_messages()
    {
        // route_components.proto: repeated string domains = 2 [(validate.rules).repeated = {min_items: 1 ...}];
        // RouteMatch: oneof path_specifier { option (validate.required) = true; ... }
        // base.proto HeaderValue: string key = 1 [(validate.rules).string = {min_len: 1 max_bytes: 16384
        //   well_known_regex: HTTP_HEADER_NAME strict: false}]; string value = 2 [... HTTP_HEADER_VALUE strict: false]
        var route = new Route { Match = new RouteMatch(), Route_ = new RouteAction { Cluster = "backend" } };
        route.RequestHeadersToAdd.Add(new HeaderValueOption { Header = new HeaderValue { Key = "x-a", Value = "one\ntwo" } });
        var configuration = new RouteConfiguration { Name = "80" };
        configuration.VirtualHosts.Add(new VirtualHost { Name = "backend", Routes = { route } });

        Assert.Equal(
            [
                "virtual_hosts[0].domains: must have at least 1 item(s), has 0",
                "virtual_hosts[0].routes[0].match.path_specifier: exactly one of prefix, path, safe_regex, connect_matcher, path_separated_prefix, path_match_policy must be set",
                "virtual_hosts[0].routes[0].request_headers_to_add[0].header.value: must be an HTTP header value (no NUL, CR or LF), is \"one\ntwo\"",
            ],
            _constraints.Check(configuration).Select(static v => v.ToString()));
    }

    [Fact]
    public void A_oneof_member_that_is_not_set_is_not_required()
    {
        // route_components.proto RouteMatch: RE2 safe_regex = 10 [(validate.rules).message = {required: true}], a member of
        // path_specifier: it is required only when it is the member set.
        var match = new RouteMatch { Prefix = "/" };
        Assert.Empty(_constraints.Check(match));
    }

    [Fact]
    public void A_loose_header_name_rule_accepts_an_empty_string()
    {
        // route_components.proto ClusterWeight: string cluster_header = 12 [(validate.rules).string =
        // {well_known_regex: HTTP_HEADER_NAME strict: false}]: without strict, the rule is ^[^\0\n\r]*$, which "" meets
        // (every weighted cluster that names its cluster leaves cluster_header empty).
        var weighted = new WeightedCluster { Clusters = { new WeightedCluster.Types.ClusterWeight { Name = "a", Weight = 1 } } };
        Assert.Empty(_constraints.Check(weighted));
    }

    [Fact]
    public void Messages_packed_in_an_any_are_unpacked_and_checked()
    {
        // http_connection_manager.proto: string stat_prefix = 2 [(validate.rules).string = {min_len: 1}];
        var manager = new HttpConnectionManager { Rds = new Rds { RouteConfigName = "80", ConfigSource = new ConfigSource { Ads = new AggregatedConfigSource() } } };
        var listener = new Listener { Name = "main" };
        listener.FilterChains.Add(new FilterChain { Filters = { new Envoy.Config.Listener.V3.Filter { Name = "envoy.filters.network.http_connection_manager", TypedConfig = Any.Pack(manager) } } });

        Assert.Equal("filter_chains[0].filters[0].typed_config.stat_prefix: must be at least 1 character(s) long, is \"\"", Assert.Single(_constraints.Check(listener)).ToString());
    }

    private static Cluster Cluster(string name, Envoy.Config.Endpoint.V3.LbEndpoint endpoint)
    {
        var cluster = new Cluster { Name = name, Type = Envoy.Config.Cluster.V3.Cluster.Types.DiscoveryType.Static, LoadAssignment = new Envoy.Config.Endpoint.V3.ClusterLoadAssignment { ClusterName = name } };
        cluster.LoadAssignment.Endpoints.Add(new Envoy.Config.Endpoint.V3.LocalityLbEndpoints { LbEndpoints = { endpoint } });
        return cluster;
    }

    private static Envoy.Config.Endpoint.V3.LbEndpoint Endpoint(string address, uint port)
        => new() { Endpoint = new Envoy.Config.Endpoint.V3.Endpoint { Address = new Address { SocketAddress = new SocketAddress { Address = address, PortValue = port } } } };
}
