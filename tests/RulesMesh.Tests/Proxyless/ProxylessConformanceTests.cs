using RulesMesh.Engine;
using RulesMesh.Tests.Engine;

namespace RulesMesh.Tests.Proxyless;

/// <summary>
/// Over kgateway's conformance inputs and the synthetic meshes, in both profiles: turning the proxyless output on leaves
/// the waypoint outputs (resources, statuses, warnings) as they were, and everything it serves passes gRPC's validation.
/// </summary>
public sealed class ProxylessConformanceTests(EngineStarts starts)
    : IClassFixture<EngineStarts>
{
    [ConformanceFact]
    public void Proxyless_output_leaves_the_waypoint_outputs_alone_and_passes_gRPC_validation_on_every_input()
    {
        var listeners = 0;
        foreach (var profile in new[] { "kgateway", "istio" })
        {
            foreach (var start in starts.Conformance.Concat(starts.Synthetic))
            {
                var without = Run(profile, start, serve: false);
                var with = Run(profile, start, serve: true);
                var where = $"{profile} {start}";
                foreach (var type in Enum.GetValues<XdsResourceType>())
                {
                    Assert.True(Versions(without.Shared[type]).SequenceEqual(Versions(with.Shared[type])), $"{where}: shared {type} changed");
                }

                Assert.Equal(without.Proxies.Keys, with.Proxies.Keys);
                foreach (var (name, proxy) in without.Proxies)
                {
                    foreach (var type in Enum.GetValues<XdsResourceType>())
                    {
                        Assert.True(Versions(proxy.Own[type]).SequenceEqual(Versions(with.Proxies[name].Own[type])), $"{where}: {name} {type} changed");
                    }
                }

                Assert.True(without.Statuses.All.Zip(with.Statuses.All).All(static p => Versions(p.First).SequenceEqual(Versions(p.Second))), $"{where}: statuses changed");
                Assert.True(without.Warnings.SequenceEqual(with.Warnings), $"{where}: warnings changed:\n{string.Join("\n", with.Warnings.Except(without.Warnings))}");
                Assert.Same(ProxylessState.Empty, without.Proxyless);
                var problems = GrpcXdsValidation.Problems(with.Proxyless.Resources);
                Assert.True(problems.Count == 0, $"{where}: gRPC would refuse:\n{string.Join("\n", problems)}");
                listeners += with.Proxyless.Resources[XdsResourceType.Listener].Count;
            }
        }

        Assert.True(listeners > 0, "the inputs gave proxyless clients no listener at all");
    }

    private static EngineState Run(string profile, EngineStart start, bool serve)
    {
        var engine = new TranslationEngine(WaypointPipelines.Create(profile), start.Settings with { ServeProxylessClients = serve }, gateway: start.Gateway);
        engine.Apply(start.Objects.Select(static o => new ResourceChange.Upsert(o)));
        return engine.Current;
    }

    private static IEnumerable<string> Versions<T>(IEnumerable<KeyValuePair<string, T>> items) => items.Select(static i => $"{i.Key}@{i.Value}");
}
