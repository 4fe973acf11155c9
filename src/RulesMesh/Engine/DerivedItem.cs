namespace RulesMesh.Engine;

/// <summary>
/// One value the engine derives (a service's model, its clusters, a waypoint's listener, an index, …): a pure function
/// of what it reads through its <see cref="ItemFrame"/>, recomputed when any of that changes.
/// </summary>
internal abstract class DerivedItem(int stage) : Dependency
{
    // A byte: with the item's flags it fits the padding an int would overflow (an input item is 8 bytes smaller).
    private readonly byte _stage = checked((byte)stage);

    /// <summary>Its stage (<see cref="ItemOrder.Stage"/>), kept apart from <see cref="Order"/> for the graph's dirty queues.</summary>
    public int Stage => _stage;

    /// <summary>
    /// Its place in a full translation's order, made when asked (emissions and shared outputs are ordered by it): an
    /// item made only to find the graph's one of its key builds no strings.
    /// </summary>
    public abstract ItemOrder Order { get; }

    public object? Value { get; set; }

    public bool Computed { get; set; }

    public bool Dirty { get; set; }

    public bool Computing { get; set; }

    public bool Removed { get; set; }

    /// <summary>Kept whether or not another item reads it (an output of the engine).</summary>
    public bool IsRoot { get; set; }

    /// <summary>What the last computation read (other items, groups, store reads unless the engine takes one batch only), each once; none known before the first.</summary>
    public ItemReads Reads { get; set; }

    /// <summary>The warnings and route status reports of the last computation.</summary>
    public ItemEmissions Emissions { get; set; } = ItemEmissions.None;

    public abstract object? Compute(ItemFrame frame);

    /// <summary>Whether a recomputed value is the same as the last (then nothing that read it is recomputed).</summary>
    public virtual bool SameValue(object? before, object? after) => Equals(before, after);

    /// <summary>Whether <paramref name="other"/> stands for the same value: the same kind of item of the same key.</summary>
    public abstract bool SameItem(DerivedItem other);

    /// <summary>A hash of what <see cref="SameItem"/> compares.</summary>
    public abstract int ItemHash { get; }
}
