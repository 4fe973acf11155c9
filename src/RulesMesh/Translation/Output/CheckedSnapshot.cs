using Google.Protobuf;
using RulesMesh.Xds.Constraints;

namespace RulesMesh.Translation.Output;

/// <summary>
/// A snapshot checked against the rules Envoy's protos declare (<see cref="ProtoConstraints"/>), which Envoy applies
/// before it accepts a resource, refusing the whole response that carries one that breaks them: what would be refused,
/// and the snapshot without it.
/// </summary>
/// <param name="Valid">The snapshot without the resources that break a rule; the same instance when none does.</param>
/// <param name="Violations">Each rule broken, with its resource; empty when none is.</param>
public sealed record CheckedSnapshot(XdsSnapshot Valid, IReadOnlyList<ResourceViolation> Violations)
{
    /// <summary>Checks every resource of <paramref name="snapshot"/> with <paramref name="constraints"/>.</summary>
    public static CheckedSnapshot Of(XdsSnapshot snapshot, ProtoConstraints constraints)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        ArgumentNullException.ThrowIfNull(constraints);
        var violations = new List<ResourceViolation>();
        var clusters = Keep(snapshot.Clusters, "cluster", static c => c.Name, constraints, violations);
        var endpoints = Keep(snapshot.Endpoints, "endpoints", static e => e.ClusterName, constraints, violations);
        var listeners = Keep(snapshot.Listeners, "listener", static l => l.Name, constraints, violations);
        var routes = Keep(snapshot.Routes, "route configuration", static r => r.Name, constraints, violations);
        return violations.Count == 0
            ? new CheckedSnapshot(snapshot, [])
            : new CheckedSnapshot(snapshot with { Clusters = clusters, Endpoints = endpoints, Listeners = listeners, Routes = routes }, violations);
    }

    private static List<T> Keep<T>(IReadOnlyList<T> resources, string type, Func<T, string> name, ProtoConstraints constraints, List<ResourceViolation> violations)
        where T : IMessage
    {
        var kept = new List<T>(resources.Count);
        for (var i = 0; i < resources.Count; i++)
        {
            var resource = resources[i];
            var broken = constraints.Check(resource);
            if (broken.Count == 0)
            {
                kept.Add(resource);
            }
            else
            {
                violations.AddRange(broken.Select(violation => new ResourceViolation(type, name(resource), violation)));
            }
        }

        return kept;
    }
}
