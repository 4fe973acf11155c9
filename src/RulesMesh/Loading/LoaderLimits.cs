namespace RulesMesh.Loading;

/// <summary>
/// The most a load may consume, so that hostile input (a huge or endless file, a deeply nested or alias-bombed
/// document) gives an error naming the limit instead of exhausting memory or the stack. The defaults fit real
/// clusters with room to spare: etcd stores objects of up to about 3 MB, and a scale test mesh is 130,000
/// documents in 40 MB.
/// </summary>
public sealed record LoaderLimits
{
    /// <summary>The highest value any limit may be raised to: beyond it nesting could overflow the stack or sizes overflow arrays.</summary>
    public const int MaximumDepth = 1000;

    /// <summary>The default limits.</summary>
    public static LoaderLimits Default { get; } = new();

    /// <summary>Bytes one file (or standard input) may hold. Default 64 MiB.</summary>
    public long MaxFileBytes { get; init; } = 64L * 1024 * 1024;

    /// <summary>Bytes all sources of one load may hold together. Default 512 MiB.</summary>
    public long MaxTotalBytes { get; init; } = 512L * 1024 * 1024;

    /// <summary>Non-empty documents one load may hold. Default 1,000,000.</summary>
    public int MaxDocuments { get; init; } = 1_000_000;

    /// <summary>Levels of mappings and sequences a document may nest, its aliases expanded; at most <see cref="MaximumDepth"/>. Default 100.</summary>
    public int MaxDepth { get; init; } = 100;

    /// <summary>Nodes a document that uses aliases may have once they are expanded. Default 1,000,000.</summary>
    public int MaxAliasNodes { get; init; } = 1_000_000;
}
