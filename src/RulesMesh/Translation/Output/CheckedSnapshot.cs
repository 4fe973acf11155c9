using Google.Protobuf;
using RulesMesh.Xds.Constraints;

namespace RulesMesh.Translation.Output;

/// <summary>
/// A snapshot checked against the rules Envoy's protos declare (<see cref="ProtoConstraints"/>) and the checks Envoy makes
/// in code on a cluster (<see cref="ClusterConstraints"/>), which Envoy applies before it accepts a resource, refusing the
/// whole response that carries one that breaks them: what would be refused,
/// and the snapshot without it. A cluster and its endpoints go together (an EDS cluster without its assignment would wait
/// for it). Left out means Envoy does not get it: xDS state-of-the-world lists of listeners and clusters then remove the
/// copy Envoy has, and routes naming a cluster left out answer 503. Fix the rule that made it.
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
        var brokenClusters = Broken(snapshot.Clusters, "cluster", static c => c.Name, c => [.. constraints.Check(c), .. ClusterConstraints.Check(c)], violations);
        brokenClusters.UnionWith(Broken(snapshot.Endpoints, "endpoints", static e => e.ClusterName, constraints.Check, violations));
        var brokenListeners = Broken(snapshot.Listeners, "listener", static l => l.Name, constraints.Check, violations);
        var brokenRoutes = Broken(snapshot.Routes, "route configuration", static r => r.Name, constraints.Check, violations);
        return violations.Count == 0
            ? new CheckedSnapshot(snapshot, [])
            : new CheckedSnapshot(
                snapshot with
                {
                    Clusters = [.. snapshot.Clusters.Where(c => !brokenClusters.Contains(c.Name))],
                    Endpoints = [.. snapshot.Endpoints.Where(e => !brokenClusters.Contains(e.ClusterName))],
                    Listeners = [.. snapshot.Listeners.Where(l => !brokenListeners.Contains(l.Name))],
                    Routes = [.. snapshot.Routes.Where(r => !brokenRoutes.Contains(r.Name))],
                },
                violations);
    }

    /// <summary>The names of the resources that break a rule, each rule broken added to <paramref name="violations"/>.</summary>
    private static HashSet<string> Broken<T>(IReadOnlyList<T> resources, string type, Func<T, string> name, Func<T, IReadOnlyList<ConstraintViolation>> check, List<ResourceViolation> violations)
        where T : IMessage
    {
        var broken = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < resources.Count; i++)
        {
            var resource = resources[i];
            foreach (var violation in check(resource))
            {
                broken.Add(name(resource));
                violations.Add(new ResourceViolation(type, name(resource), violation));
            }
        }

        return broken;
    }
}
