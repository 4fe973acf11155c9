using Envoy.Config.Core.V3;
using Envoy.Extensions.Filters.Http.Router.V3;
using Envoy.Extensions.Filters.Network.HttpConnectionManager.V3;
using Google.Protobuf.WellKnownTypes;
using RulesMesh.Translation.Listeners;
using RbacFilter = Envoy.Extensions.Filters.Http.Rbac.V3.RBAC;

namespace RulesMesh.Tests.Translation.Listeners;

/// <summary>
/// A chain's HTTP connection manager, written field by field around the parts every chain shares: the very bytes that
/// packing the whole manager message gives.
/// </summary>
public sealed class PackedManagerTests
{
    // A long name needs a two-byte length: every length prefix is computed, none assumed. An empty one is left out, as
    // proto3 leaves a string at its default.
    [Theory]
    [InlineData(0, 200)]
    [InlineData(1, 200)]
    [InlineData(3, 200)]
    [InlineData(1, 0)]
    [InlineData(0, -1)]
    public void The_written_manager_is_the_packed_manager_message(int filterCount, int nameFill)
    {
        var filters = Enumerable.Range(0, filterCount)
            .Select(static i => new HttpFilter { Name = $"envoy.filters.http.rbac.{i}", TypedConfig = Any.Pack(new RbacFilter { ShadowRulesStatPrefix = $"shadow{i}_" }) })
            .ToList();
        var routeConfigName = nameFill < 0 ? string.Empty : "fc_http_8080_" + new string('s', nameFill) + "_ns-1";

        var written = WaypointFilters.HttpConnectionManager(routeConfigName, filters);

        Assert.Equal(WaypointFilters.HttpConnectionManagerFilterName, written.Name);
        Assert.Equal(Any.Pack(Expected(routeConfigName, filters)), written.TypedConfig);
    }

    private static HttpConnectionManager Expected(string routeConfigName, IEnumerable<HttpFilter> filters)
    {
        var manager = new HttpConnectionManager
        {
            StatPrefix = "http",
            UseRemoteAddress = true,
            NormalizePath = true,
            MergeSlashes = true,
            Rds = new Rds
            {
                ConfigSource = new ConfigSource { Ads = new AggregatedConfigSource(), ResourceApiVersion = ApiVersion.V3 },
                RouteConfigName = routeConfigName,
            },
        };
        manager.HttpFilters.AddRange(filters);
        manager.HttpFilters.Add(new HttpFilter { Name = WaypointFilters.RouterFilterName, TypedConfig = Any.Pack(new Router()) });
        return manager;
    }
}
