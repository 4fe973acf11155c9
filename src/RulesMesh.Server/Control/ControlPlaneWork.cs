using RulesMesh.Engine;
using RulesMesh.Server.Sources;

namespace RulesMesh.Server.Control;

/// <summary>What the control plane's writer loop takes in, in arrival order.</summary>
internal abstract record ControlPlaneWork
{
    private ControlPlaneWork()
    {
    }

    /// <summary>Build the first state even when no source submits anything.</summary>
    public sealed record Start : ControlPlaneWork;

    /// <summary>A batch from a source.</summary>
    public sealed record Changes(IConfigurationSource Source, IReadOnlyList<ResourceChange> Batch) : ControlPlaneWork;

    /// <summary>A source's initial state is in (everything it submitted before is queued ahead of this).</summary>
    public sealed record Synced(IConfigurationSource Source) : ControlPlaneWork;

    /// <summary>A proxy with this client is connected.</summary>
    public sealed record Attach(ProxyClient Client) : ControlPlaneWork;

    /// <summary>A proxy with this client is gone.</summary>
    public sealed record Detach(ProxyClient Client) : ControlPlaneWork;
}
