using System.Globalization;
using Envoy.Config.Core.V3;
using Envoy.Config.Endpoint.V3;
using RulesMesh.Mesh;

namespace RulesMesh.Translation.Backends;

/// <summary>
/// Collects endpoints by locality and writes them as a <see cref="ClusterLoadAssignment"/>: one <c>endpoints[]</c> entry
/// per locality, no locality first and then by region, zone and subzone; each entry weighs the sum of its endpoints'
/// weights (kgateway's <c>EndpointsForBackend</c>). The <see cref="BackendEndpoints"/> it builds keep it, with each
/// endpoint's <see cref="EndpointLabels"/>, so that policies can later split the localities by priority (<see cref="Prioritize"/>).
/// <para>
/// Envoy refuses an assignment whose endpoint weights in one locality, or whose locality weights in one priority, add
/// up to more than 2³²−1. However localities and priorities are later split, neither can happen while the weights of
/// all the cluster's endpoints add up to at most 2³²−1, so that is the limit kept: an endpoint that would pass it is
/// dropped (in the order endpoints are added) and <see cref="Build"/> warns how many were.
/// </para>
/// </summary>
/// <param name="capacity">How many endpoints are expected (an estimate; 0 when unknown).</param>
internal sealed class LocalityEndpoints(int capacity = 0)
{
    // A backend has few localities: a list searched from the last one used costs less than a tree, and is sorted once
    // in Build; past a handful, a dictionary finds them.
    private const int LocalitiesSearched = 8;

    private readonly List<LocalityGroup> _groups = [];
    private Dictionary<EndpointLocality, LocalityGroup>? _byLocality;
    private LocalityGroup? _last;

    // Every endpoint in the order added, with its group and labels: Build gives each locality an entry of exactly its
    // endpoints, so no per-locality list grows while endpoints come, and Prioritize reads the labels here, so no
    // locality keeps a copy of them.
    private readonly List<AddedEndpoint> _added = new(capacity);

    // The localities Build gave an entry, in the assignment's order.
    private List<LocalityGroup>? _filled;

    private long _totalWeight;
    private int _overweight;

    /// <summary>How many endpoints were added.</summary>
    public int Count => _added.Count;

    /// <summary>Adds an endpoint at <paramref name="address"/>:<paramref name="port"/> without labels beyond its locality.</summary>
    public void Add(EndpointLocality locality, string address, uint port, uint weight = 1)
        => Add(EndpointLabels.At(locality), address, port, weight, metadata: null);

    /// <summary>Adds an endpoint at <paramref name="address"/>:<paramref name="port"/> in <paramref name="labels"/>' locality.</summary>
    public void Add(in EndpointLabels labels, string address, uint port, uint weight, Metadata? metadata)
        => Add(Locality(labels.Locality), labels, address, port, weight, metadata);

    /// <summary>
    /// The endpoints of <paramref name="locality"/>, to <see cref="Add(LocalityGroup, in EndpointLabels, string, uint, uint, Metadata?)"/>
    /// many endpoints of one locality without looking it up for each.
    /// </summary>
    public LocalityGroup Locality(EndpointLocality locality)
    {
        if (_last is { } last && last.Locality == locality)
        {
            return last;
        }

        var group = Find(locality);
        if (group is null)
        {
            group = new LocalityGroup(locality);
            _groups.Add(group);
            _byLocality?.Add(locality, group);
            if (_byLocality is null && _groups.Count > LocalitiesSearched)
            {
                _byLocality = _groups.ToDictionary(static g => g.Locality);
            }
        }

        _last = group;
        return group;
    }

    /// <summary>Adds an endpoint to <paramref name="group"/>, the group of its locality from <see cref="Locality"/>.</summary>
    public void Add(LocalityGroup group, in EndpointLabels labels, string address, uint port, uint weight, Metadata? metadata)
        => Add(group, labels, new LbEndpoint
        {
            Endpoint = new Endpoint
            {
                Address = new Address { SocketAddress = new Envoy.Config.Core.V3.SocketAddress { Address = address, PortValue = port } },
            },
            LoadBalancingWeight = weight,
            Metadata = metadata,
        });

    /// <summary>Adds <paramref name="endpoint"/>, as built, to <paramref name="group"/> (its weight unset counting 1).</summary>
    public void Add(LocalityGroup group, in EndpointLabels labels, LbEndpoint endpoint)
    {
        var weight = endpoint.LoadBalancingWeight ?? 1;
        if (_totalWeight + weight > uint.MaxValue)
        {
            _overweight++;
            return;
        }

        _totalWeight += weight;
        group.Weight += weight;
        group.Count++;
        _added.Add(new AddedEndpoint(group, endpoint, labels));
    }

    /// <summary>The assignment for <paramref name="clusterName"/>, with the endpoints' labels; warns about <paramref name="subject"/> when endpoints were dropped for their weight.</summary>
    public BackendEndpoints Build(string clusterName, ObjectKey subject, TranslationContext context)
    {
        if (_overweight > 0)
        {
            context.Warn(subject, null, string.Create(CultureInfo.InvariantCulture, $"cluster {clusterName}: the endpoint weights add up to more than 4294967295 (2^32-1), Envoy's limit; {_overweight} endpoint(s) past it are dropped"));
        }

        _groups.Sort(static (a, b) => a.Locality.CompareTo(b.Locality));
        // A locality whose endpoints were all dropped (or skipped) would weigh 0, which Envoy refuses.
        _filled = _groups.TrueForAll(static g => g.Count > 0) ? _groups : _groups.FindAll(static g => g.Count > 0);
        var assignment = new ClusterLoadAssignment { ClusterName = clusterName };
        assignment.Endpoints.Capacity = _filled.Count;
        foreach (var group in _filled)
        {
            assignment.Endpoints.Add(group.Open());
        }

        foreach (var added in _added)
        {
            added.Group.Append(added.Endpoint);
        }

        // The endpoints as added, with their labels, are what later priorities read: this collector goes with the assignment.
        return new BackendEndpoints(assignment, this);
    }

    /// <summary>
    /// Rewrites <paramref name="assignment"/>'s localities, each split into one entry per priority that
    /// <paramref name="priority"/> gives its endpoints' labels (Istio's <c>applyFailoverPriorityPerLocality</c>):
    /// localities keep their order, the entries of one locality go by ascending priority, and every entry weighs the sum
    /// of its endpoints. With <paramref name="compact"/>, the distinct priorities of the whole assignment are replaced by
    /// their rank (0, 2, 5 become 0, 1, 2). <paramref name="assignment"/> is the one <see cref="Build"/> made.
    /// </summary>
    public void Prioritize(ClusterLoadAssignment assignment, Func<EndpointLabels, uint> priority, bool compact)
    {
        // Each endpoint's priority at its index in the order added, which is each locality's order in its entry.
        var computed = new uint[_added.Count];
        var distinct = new SortedSet<uint>();
        for (var i = 0; i < computed.Length; i++)
        {
            computed[i] = priority(_added[i].Labels);
            distinct.Add(computed[i]);
        }

        var rank = new Dictionary<uint, uint>(distinct.Count);
        foreach (var value in distinct)
        {
            rank[value] = compact ? (uint)rank.Count : value;
        }

        // Every endpoint keyed by its locality's place in the assignment, its priority and its place in the order added:
        // sorted, each run of one locality and priority is an entry, in the order the entries go.
        var groups = _filled ?? throw new InvalidOperationException("Prioritize rewrites the assignment Build made.");
        var place = new Dictionary<LocalityGroup, int>(groups.Count);
        for (var g = 0; g < groups.Count; g++)
        {
            place[groups[g]] = g;
        }

        var keys = new (int Group, uint Priority, int Added)[computed.Length];
        for (var i = 0; i < keys.Length; i++)
        {
            keys[i] = (place[_added[i].Group], rank[computed[i]], i);
        }

        Array.Sort(keys);
        assignment.Endpoints.Clear();
        var run = new List<LbEndpoint>();
        for (var i = 0; i < keys.Length; i++)
        {
            run.Add(_added[keys[i].Added].Endpoint);
            if (i + 1 == keys.Length || keys[i + 1].Group != keys[i].Group || keys[i + 1].Priority != keys[i].Priority)
            {
                assignment.Endpoints.Add(Group(groups[keys[i].Group].Locality, run, keys[i].Priority));
                run.Clear();
            }
        }
    }

    /// <summary>Every endpoint added, in the order added, with its labels.</summary>
    public IEnumerable<(LbEndpoint Endpoint, EndpointLabels Labels)> Added => _added.Select(static added => (added.Endpoint, added.Labels));

    private LocalityGroup? Find(EndpointLocality locality)
    {
        if (_byLocality is not null)
        {
            return _byLocality.GetValueOrDefault(locality);
        }

        foreach (var group in _groups)
        {
            if (group.Locality == locality)
            {
                return group;
            }
        }

        return null;
    }

    private static LocalityLbEndpoints Group(EndpointLocality locality, IReadOnlyList<LbEndpoint> endpoints, uint priority)
    {
        var group = new LocalityLbEndpoints { Locality = locality.ToEnvoy(), Priority = priority };
        group.LbEndpoints.Capacity = endpoints.Count;
        long weight = 0;
        for (var i = 0; i < endpoints.Count; i++)
        {
            var endpoint = endpoints[i];
            group.LbEndpoints.Add(endpoint);
            weight += endpoint.LoadBalancingWeight ?? 1;
        }

        group.LoadBalancingWeight = (uint)Math.Min(weight, uint.MaxValue);
        return group;
    }

    /// <summary>An endpoint as added, before <see cref="Build"/> puts it in its locality's entry.</summary>
    private readonly record struct AddedEndpoint(LocalityGroup Group, LbEndpoint Endpoint, EndpointLabels Labels);
}
