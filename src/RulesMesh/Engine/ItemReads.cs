namespace RulesMesh.Engine;

/// <summary>
/// What an item's last computation read (store reads, other items, groups), each once. Most items read one
/// dependency: that one is kept as itself, an array only for more, so a large mesh has no array per item.
/// </summary>
internal readonly struct ItemReads
{
    // Null before the first computation, a Dependency, or a Dependency[] (empty when nothing was read).
    private readonly object? _reads;

    private ItemReads(object? reads) => _reads = reads;

    /// <summary>Whether a computation has ended yet.</summary>
    public bool Known => _reads is not null;

    public static ItemReads Of(List<Dependency> reads) => new(reads.Count == 1 ? reads[0] : reads.ToArray());

    public Enumerator GetEnumerator() => new(_reads);

    /// <summary>The dependencies read, without allocating.</summary>
    public struct Enumerator
    {
        private readonly object? _reads;
        private int _next;

        public Enumerator(object? reads)
        {
            _reads = reads;
            Current = null!;
        }

        public Dependency Current { get; private set; }

        public bool MoveNext()
        {
            if (_reads is Dependency[] many)
            {
                Current = _next < many.Length ? many[_next++] : null!;
                return Current is not null;
            }

            if (_next++ == 0 && _reads is Dependency single)
            {
                Current = single;
                return true;
            }

            return false;
        }
    }
}
