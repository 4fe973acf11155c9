using System.Diagnostics.CodeAnalysis;
using Envoy.Config.Endpoint.V3;

namespace RulesMesh.Translation.Backends;

/// <summary>
/// A backend's endpoints, as the endpoints rule (EDS) or the cluster rule (inline) built them: the Envoy assignment and,
/// when a built-in rule grouped them by locality, each endpoint's labels and locality, which the backend policies later
/// split into priorities (DestinationRule failover, traffic distribution). An assignment built elsewhere has no labels;
/// the priority policies leave it as it is.
/// </summary>
public sealed class BackendEndpoints
{
    private readonly LocalityEndpoints? _localities;

    /// <summary>An assignment without endpoint labels.</summary>
    public BackendEndpoints(ClusterLoadAssignment assignment)
        : this(assignment, localities: null)
    {
    }

    internal BackendEndpoints(ClusterLoadAssignment assignment, LocalityEndpoints? localities)
    {
        Assignment = assignment;
        _localities = localities;
    }

    /// <summary>The Envoy assignment.</summary>
    public ClusterLoadAssignment Assignment { get; }

    /// <summary>An assignment without endpoint labels (null stays null).</summary>
    [return: NotNullIfNotNull(nameof(assignment))]
    public static implicit operator BackendEndpoints?(ClusterLoadAssignment? assignment) => assignment is null ? null : new(assignment);

    /// <summary>
    /// The policy that decided the endpoints' priorities (a DestinationRule's locality setting, as
    /// <c>DestinationRule ns/name</c>), or null. Once a DestinationRule has, traffic distribution no longer applies
    /// (docs/spec/kgateway-destinationrule-priorities.md §B3), even when it had no client to compare with.
    /// </summary>
    internal string? PrioritizedBy { get; set; }

    /// <summary>Each endpoint in the order it was added, with its labels; null when the endpoints carry no labels.</summary>
    internal IEnumerable<(LbEndpoint Endpoint, EndpointLabels Labels)>? Labelled => _localities?.Added;

    /// <summary>
    /// Rewrites the assignment's localities, each split into one entry per priority that <paramref name="priority"/> gives
    /// its endpoints' labels; with <paramref name="compact"/> the distinct priorities become their rank. False (and
    /// nothing changes) when the endpoints carry no labels.
    /// </summary>
    internal bool Prioritize(Func<EndpointLabels, uint> priority, bool compact)
    {
        if (_localities is null)
        {
            return false;
        }

        _localities.Prioritize(Assignment, priority, compact);
        return true;
    }
}
