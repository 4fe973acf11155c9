using System.Text.Json.Nodes;
using k8s.Models;
using RulesMesh.Mesh;
using RulesMesh.Rules;
using RulesMesh.Synthetic;
using RulesMesh.Tests.Support;

namespace RulesMesh.Tests.Engine;

/// <summary>
/// The starting states of the engine property tests, loaded once per test class: kgateway's conformance inputs (the
/// 16 waypoint cases; the 7 ServiceEntry cases with their Pods fixture, with and without <c>--gateway</c>) and a small
/// synthetic mesh in two sizes. For the istio profile each start also comes with its Gateways ready
/// (<c>status.addresses</c> set, as istiod needs before it treats a Gateway as a waypoint).
/// </summary>
public sealed class EngineStarts
{
    private const string FixtureNamespace = "gwtest";

    public EngineStarts()
    {
        var objects = new ManifestObjects();
        Conformance = Directory.Exists(RepositoryPaths.KgatewayConformance) ? [.. WaypointCases(objects), .. ServiceEntryCases(objects)] : [];
        Synthetic = [SyntheticStart(objects, 6, 4, 24, 2), SyntheticStart(objects, 16, 10, 80, 3)];
    }

    /// <summary>The conformance starts.</summary>
    internal IReadOnlyList<EngineStart> Conformance { get; }

    /// <summary>The synthetic starts.</summary>
    internal IReadOnlyList<EngineStart> Synthetic { get; }

    /// <summary><paramref name="starts"/> for <paramref name="profile"/>: for istio, each also with its Gateways ready.</summary>
    internal static IReadOnlyList<EngineStart> For(string profile, IReadOnlyList<EngineStart> starts)
        => profile == "istio" ? [.. starts, .. starts.Select(WithReadyGateways)] : starts;

    private static IEnumerable<EngineStart> WaypointCases(ManifestObjects objects)
    {
        var folder = Path.Combine(RepositoryPaths.KgatewayConformance, "waypoint", "input");
        foreach (var file in Directory.EnumerateFiles(folder, "*.yaml").Order(StringComparer.Ordinal))
        {
            yield return new EngineStart("waypoint/" + Path.GetFileNameWithoutExtension(file), objects.LoadAll(File.ReadAllText(file), file), new EngineSettings(), null);
        }
    }

    // The harness's client (Pod gwtest/gateway on Node worker) and its namespace for the fixture's objects (conformance README).
    private static IEnumerable<EngineStart> ServiceEntryCases(ManifestObjects objects)
    {
        var folder = Path.Combine(RepositoryPaths.KgatewayConformance, "serviceentry");
        var fixture = Path.Combine(RepositoryPaths.KgatewayConformance, "fixtures", "pods.yaml");
        var settings = new EngineSettings { ClientLocality = "r1/r1z2/r1z2s3" };
        foreach (var file in Directory.EnumerateFiles(folder, "*.yaml").Where(static f => !f.EndsWith("-out.yaml", StringComparison.Ordinal)).Order(StringComparer.Ordinal))
        {
            var loaded = objects.LoadAll(File.ReadAllText(file) + "\n---\n" + File.ReadAllText(fixture), file);
            foreach (var resource in loaded.Where(static r => r is not V1Node && string.IsNullOrEmpty(r.Metadata?.NamespaceProperty)))
            {
                resource.Metadata.NamespaceProperty = FixtureNamespace;
            }

            var name = "serviceentry/" + Path.GetFileNameWithoutExtension(file);
            yield return new EngineStart(name, loaded, settings, null);
            yield return new EngineStart(name, loaded, settings, new NamespacedName(FixtureNamespace, "http-gw-for-test"));
        }
    }

    private static EngineStart SyntheticStart(ManifestObjects objects, int services, int serviceEntries, int workloads, int waypoints)
    {
        var options = new SyntheticMeshOptions { Services = services, ServiceEntries = serviceEntries, Workloads = workloads, Waypoints = waypoints, Nodes = 3, HttpRouteEvery = 2, AuthorizationPolicyEvery = 3 };
        var yaml = string.Join("\n---\n", SyntheticMesh.Build(options).Select(static o => ManifestObjects.ToJson(o).ToJsonString()));
        var name = $"synthetic ({services} services, {serviceEntries} service entries, {workloads} workloads, {waypoints} waypoints)";
        return new EngineStart(name, objects.LoadAll(yaml, name), new EngineSettings { ClientLocality = "region-0/zone-0/subzone-0" }, null);
    }

    private static EngineStart WithReadyGateways(EngineStart start)
    {
        var objects = new ManifestObjects();
        var ready = start.Objects.Select(resource =>
        {
            if (resource.Kind != "Gateway")
            {
                return resource;
            }

            var manifest = ManifestObjects.ToJson(resource);
            manifest["status"] = new JsonObject { ["addresses"] = new JsonArray(new JsonObject { ["type"] = "Hostname", ["value"] = $"{resource.Metadata.Name}.{resource.Metadata.NamespaceProperty}.svc.cluster.local" }) };
            return objects.Load(manifest).Object ?? throw new InvalidOperationException($"The loader refused Gateway {resource.Metadata.Name} with status.addresses.");
        }).ToList();
        return start with { Name = start.Name + " with ready Gateways", Objects = ready };
    }
}
