using RulesMesh.Loading;
using RulesMesh.Rules;

namespace RulesMesh.Server.Control;

/// <summary>How a <see cref="ControlPlane"/> translates and when it steps.</summary>
/// <param name="Pipeline">The rules to run, e.g. <c>WaypointPipelines.Create(profile)</c>.</param>
public sealed record ControlPlaneOptions(RulePipeline Pipeline)
{
    /// <summary>The settings every client identity's engine starts from (the client fields are each proxy's own).</summary>
    public EngineSettings Settings { get; init; } = new();

    /// <summary>The kinds the engine knows; the built-in models when null.</summary>
    public ModelRegistry? Models { get; init; }

    /// <summary>The quiet period after a change before the engine steps: changes closer together than this are one step.</summary>
    public TimeSpan Debounce { get; init; } = TimeSpan.FromMilliseconds(100);

    /// <summary>
    /// The longest a change waits for quiet, so a constant stream of edits still reaches proxies; ten debounce periods
    /// when null.
    /// </summary>
    public TimeSpan? MaxDelay { get; init; }

    /// <summary>Where statuses are written after a step that changed some (none: statuses stay in memory).</summary>
    public IReadOnlyList<IStatusWriter> StatusWriters { get; init; } = [];
}
