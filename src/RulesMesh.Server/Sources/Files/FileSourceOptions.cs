using RulesMesh.Loading;

namespace RulesMesh.Server.Sources.Files;

/// <summary>How a <see cref="FileSource"/> reads and follows its files.</summary>
public sealed record FileSourceOptions
{
    /// <summary>How long a file must be quiet after a change before it is read (editors write in several steps).</summary>
    public TimeSpan Debounce { get; init; } = TimeSpan.FromMilliseconds(100);

    /// <summary>
    /// How often every file is checked (size, write time, link target) even without a change notice, for what the
    /// file system does not report: folders reached through links, network file systems, a notice queue that overflowed.
    /// </summary>
    public TimeSpan RescanInterval { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>The loader's limits, applied to each file on its own.</summary>
    public LoaderLimits Limits { get; init; } = LoaderLimits.Default;
}
