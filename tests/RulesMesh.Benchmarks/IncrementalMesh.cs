using System.Globalization;
using k8s;
using k8s.Models;
using RulesMesh.Engine;
using RulesMesh.Mesh;
using RulesMesh.Models.NetworkingIstioIo.V1;
using RulesMesh.Rules;
using RulesMesh.Synthetic;

namespace RulesMesh.Benchmarks;

/// <summary>
/// The synthetic mesh the incremental benchmarks edit, and the edits: all in namespace <c>ns-40</c>, whose Service
/// <c>svc-40</c> has an HTTPRoute, an ALLOW AuthorizationPolicy and a DestinationRule, and whose ServiceEntry
/// <c>se-40</c> is STATIC, selecting Pods and WorkloadEntries. Every edit is undone by its second batch, so a
/// benchmark can apply them in turn for as long as it likes.
/// </summary>
/// <remarks>
/// One change to the synthetic mesh: the namespace's second Service carries its own <c>istio.io/use-waypoint</c>
/// label, so the waypoint keeps one captured Service when the namespace opts out. Without it the waypoint would
/// capture nothing and the proxy would go, and coming back its change set would be its whole view (every shared
/// resource of the mesh), not the recaptured services.
/// </remarks>
internal sealed class IncrementalMesh
{
    private const int Index = 40;
    private const string Namespace = "ns-40";
    private const string Service = "svc-40";
    private const string Entry = "se-40";
    private const string UseWaypoint = "istio.io/use-waypoint";

    public IncrementalMesh(SyntheticMeshOptions options)
    {
        if (options.Waypoints <= Index || options.Services <= Index + options.Waypoints || options.ServiceEntries <= Index)
        {
            throw new ArgumentException($"The incremental benchmarks edit namespace {Namespace}: the mesh needs more than {Index} waypoints and ServiceEntries, and two Services in that namespace.", nameof(options));
        }

        Options = options;
        Objects = SyntheticMesh.Build(options);
        var keys = new TranslationEngine(Pipeline);
        var byKey = Objects.ToDictionary(keys.KeyOf);

        // No engine has seen the objects yet: the anchor is labelled in place.
        var anchor = Original<V1Service>(byKey, string.Empty, "Service", Namespace, "svc-" + (Index + options.Waypoints).ToString(CultureInfo.InvariantCulture));
        anchor.Metadata.Labels = new Dictionary<string, string> { [UseWaypoint] = "waypoint" };
        Edits = [EntryPortEdit(byKey), EntryPodReadiness(byKey), ServicePodReadiness(byKey), NamespaceLabelFlip(byKey), NoOpEdit(byKey)];
    }

    /// <summary>The default mesh: 10,000 Services and ServiceEntries, 100,000 workloads, 100 waypoints.</summary>
    public static SyntheticMeshOptions DefaultOptions { get; } = new();

    public SyntheticMeshOptions Options { get; }

    /// <summary>The mesh's objects, as the synthetic mesh builds them but for the anchor's label.</summary>
    public IReadOnlyList<IKubernetesObject<V1ObjectMeta>> Objects { get; }

    /// <summary>The built-in rules, default profile (one pipeline for every engine: it holds no state of a run).</summary>
    public RulePipeline Pipeline { get; } = WaypointPipelines.Create();

    public IReadOnlyList<MeshEdit> Edits { get; }

    /// <summary>The waypoint of the edited namespace.</summary>
    public static NamespacedName Waypoint { get; } = new(Namespace, "waypoint");

    public MeshEdit Edit(string name) => Edits.Single(e => e.Name == name);

    /// <summary>A new engine with every object of the mesh applied: a full run.</summary>
    public EngineStep FullRun(out TranslationEngine engine)
    {
        engine = new TranslationEngine(Pipeline);
        return engine.Apply(Objects.Select(static o => new ResourceChange.Upsert(o)));
    }

    private static T Original<T>(Dictionary<ResourceKey, IKubernetesObject<V1ObjectMeta>> objects, string group, string kind, string ns, string name)
        where T : IKubernetesObject<V1ObjectMeta>
        => (T)objects[new ResourceKey(group, kind, ns, name)];

    /// <summary>The http port of a ServiceEntry moves from 80 to 8000: its cluster for that port is replaced, and the waypoint's filter chain and route configuration for it.</summary>
    private static MeshEdit EntryPortEdit(Dictionary<ResourceKey, IKubernetesObject<V1ObjectMeta>> objects)
    {
        var original = Original<ServiceEntry>(objects, "networking.istio.io", "ServiceEntry", Namespace, Entry);
        var edited = ObjectCopy.Of(original);
        edited.Spec.Ports![0].Number = 8000;
        return new MeshEdit(
            "ServiceEntryEdit",
            $"ServiceEntry {Namespace}/{Entry}: http port 80 → 8000 and back",
            [new ResourceChange.Upsert(edited)],
            [new ResourceChange.Upsert(ObjectCopy.Of(original))],
            (changes, forward) =>
            {
                var (added, gone) = forward ? ("8000", "80") : ("80", "8000");
                Require(changes, ChangeSetSummary.SharedUpserted(changes, XdsResourceType.Cluster).Any(n => IsEntryCluster(n, added)), $"the cluster of {Entry} port {added} upserted");
                Require(changes, ChangeSetSummary.SharedRemoved(changes, XdsResourceType.Cluster).Any(n => IsEntryCluster(n, gone)), $"the cluster of {Entry} port {gone} removed");
                Require(changes, ChangeSetSummary.ChangedFor(changes, Waypoint, XdsResourceType.Listener).Count > 0, $"the listener of {Waypoint} upserted");
            });
    }

    /// <summary>A Pod that ServiceEntry se-40 selects turns unready (and back): that entry's load assignments lose (regain) its address.</summary>
    private static MeshEdit EntryPodReadiness(Dictionary<ResourceKey, IKubernetesObject<V1ObjectMeta>> objects)
    {
        // Workloads of a STATIC entry alternate WorkloadEntry (even) and Pod (odd).
        var original = Original<V1Pod>(objects, string.Empty, "Pod", Namespace, Entry + "-1");
        var unready = ObjectCopy.Of(original);
        unready.Status.Conditions.Single(static c => c.Type == "Ready").Status = "False";
        return new MeshEdit(
            "EntryPodReadiness",
            $"Pod {Namespace}/{original.Metadata.Name} (selected by ServiceEntry {Entry}): Ready False and back",
            [new ResourceChange.Upsert(unready)],
            [new ResourceChange.Upsert(ObjectCopy.Of(original))],
            (changes, _) => Require(changes, ChangeSetSummary.SharedUpserted(changes, XdsResourceType.Endpoint).Any(n => IsEntryCluster(n, null)), $"the load assignments of {Entry} upserted"));
    }

    /// <summary>
    /// A Pod behind Service svc-40 turns unready (and back). A Service's endpoints are read from its EndpointSlices'
    /// ready conditions (ServiceEndpoints), so the slice's endpoint flips in the same batch, as the EndpointSlice
    /// controller would.
    /// </summary>
    private static MeshEdit ServicePodReadiness(Dictionary<ResourceKey, IKubernetesObject<V1ObjectMeta>> objects)
    {
        var pod = Original<V1Pod>(objects, string.Empty, "Pod", Namespace, Service + "-0");
        var unreadyPod = ObjectCopy.Of(pod);
        unreadyPod.Status.Conditions.Single(static c => c.Type == "Ready").Status = "False";
        var slice = Original<V1EndpointSlice>(objects, "discovery.k8s.io", "EndpointSlice", Namespace, Service + "-slice");
        var unreadySlice = ObjectCopy.Of(slice);
        unreadySlice.Endpoints.Single(e => e.TargetRef.Name == pod.Metadata.Name).Conditions.Ready = false;
        return new MeshEdit(
            "ServicePodReadiness",
            $"Pod {Namespace}/{pod.Metadata.Name} and its endpoint in EndpointSlice {slice.Metadata.Name}: ready false and back",
            [new ResourceChange.Upsert(unreadyPod), new ResourceChange.Upsert(unreadySlice)],
            [new ResourceChange.Upsert(ObjectCopy.Of(pod)), new ResourceChange.Upsert(ObjectCopy.Of(slice))],
            (changes, _) => Require(changes, ChangeSetSummary.SharedUpserted(changes, XdsResourceType.Endpoint).Any(IsServiceCluster), $"the load assignments of {Service} upserted"));
    }

    /// <summary>Namespace ns-40 opts out of its waypoint (istio.io/use-waypoint: none) and back in: its Services and ServiceEntries but the anchor leave (rejoin) the waypoint's listener.</summary>
    private MeshEdit NamespaceLabelFlip(Dictionary<ResourceKey, IKubernetesObject<V1ObjectMeta>> objects)
    {
        var original = Original<V1Namespace>(objects, string.Empty, "Namespace", string.Empty, Namespace);
        var optedOut = ObjectCopy.Of(original);
        optedOut.Metadata.Labels[UseWaypoint] = "none";
        return new MeshEdit(
            "NamespaceLabelFlip",
            $"Namespace {Namespace}: istio.io/use-waypoint waypoint → none and back ({(Options.Services / Options.Waypoints) - 1} Services and {Options.ServiceEntries / Options.Waypoints} ServiceEntries leave and rejoin its waypoint)",
            [new ResourceChange.Upsert(optedOut)],
            [new ResourceChange.Upsert(ObjectCopy.Of(original))],
            (changes, forward) =>
            {
                Require(changes, ChangeSetSummary.ChangedFor(changes, Waypoint, XdsResourceType.Listener).Count > 0, $"the listener of {Waypoint} upserted");
                var routes = ChangeSetSummary.ChangedFor(changes, Waypoint, XdsResourceType.Route);
                Require(changes, routes.Contains($"fc_http_80_{Entry}_{Namespace}") && routes.Contains($"fc_http_8080_{Service}_{Namespace}"), $"the route configurations of {Entry} and {Service} {(forward ? "removed" : "upserted")}");
            });
    }

    /// <summary>ServiceEntry se-40 upserted again as an identical copy: nothing changes, so the change set must be empty.</summary>
    private static MeshEdit NoOpEdit(Dictionary<ResourceKey, IKubernetesObject<V1ObjectMeta>> objects)
    {
        var original = Original<ServiceEntry>(objects, "networking.istio.io", "ServiceEntry", Namespace, Entry);
        IReadOnlyList<ResourceChange> same = [new ResourceChange.Upsert(ObjectCopy.Of(original))];
        return new MeshEdit(
            "NoOpEdit",
            $"ServiceEntry {Namespace}/{Entry} upserted again, unchanged",
            same,
            same,
            (changes, _) => Require(changes, changes.IsEmpty, "an empty change set"));
    }

    private static bool IsEntryCluster(string name, string? port)
        => name.Contains(Entry + "." + Namespace + ".", StringComparison.Ordinal) && (port is null || name.Split('|', '_').Contains(port));

    private static bool IsServiceCluster(string name) => name.Contains(Service + "." + Namespace + ".", StringComparison.Ordinal) || name.Contains("_" + Namespace + "_" + Service + "_", StringComparison.Ordinal);

    private static void Require(ChangeSet changes, bool holds, string what)
    {
        if (!holds)
        {
            throw new InvalidOperationException($"The change set lacks {what}, so the benchmark would not measure the edit it is named after. It holds: {ChangeSetSummary.Describe(changes)}");
        }
    }
}
