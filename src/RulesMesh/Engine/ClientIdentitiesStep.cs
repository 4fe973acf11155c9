using System.Collections.Immutable;

namespace RulesMesh.Engine;

/// <summary>What one <see cref="ClientIdentityEngines.Apply"/> did, per client identity.</summary>
public sealed class ClientIdentitiesStep
{
    internal ClientIdentitiesStep(ClientStates states, ImmutableDictionary<ClientIdentity, EngineStep> steps, ImmutableArray<ClientIdentity> added, ImmutableArray<ClientIdentity> removed, ImmutableArray<ProxyClient> moved)
    {
        States = states;
        Steps = steps;
        Added = added;
        Removed = removed;
        Moved = moved;
    }

    /// <summary>Everything after the step.</summary>
    public ClientStates States { get; }

    /// <summary>The step of each identity whose engine existed before it (the base identity's included).</summary>
    public ImmutableDictionary<ClientIdentity, EngineStep> Steps { get; }

    /// <summary>Identities a moved client brought into use: their engines were built from the objects after the step.</summary>
    public ImmutableArray<ClientIdentity> Added { get; }

    /// <summary>Identities no client has any more: their engines are gone.</summary>
    public ImmutableArray<ClientIdentity> Removed { get; }

    /// <summary>Clients whose identity changed because their Pod or its Node did.</summary>
    public ImmutableArray<ProxyClient> Moved { get; }

    /// <summary>The step of the engine settings as given (statuses are read there).</summary>
    public EngineStep Base => Steps[States.BaseIdentity];
}
