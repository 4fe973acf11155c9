using System.Collections.Immutable;

namespace RulesMesh.Engine;

/// <summary>
/// What <see cref="ClientIdentityEngines"/> holds after a change, immutable, so readers take it without locks: the state
/// of each client identity in use and the identity each attached proxy client has now.
/// </summary>
public sealed class ClientStates
{
    internal ClientStates(ClientIdentity baseIdentity, ImmutableDictionary<ClientIdentity, EngineState> byIdentity, ImmutableDictionary<ProxyClient, ClientIdentity> clients)
    {
        BaseIdentity = baseIdentity;
        ByIdentity = byIdentity;
        Clients = clients;
    }

    /// <summary>The identity of the engine settings as given (a proxy that names no Pod and no locality has it).</summary>
    public ClientIdentity BaseIdentity { get; }

    /// <summary>The state of the engine settings as given: statuses are read here.</summary>
    public EngineState Base => ByIdentity[BaseIdentity];

    /// <summary>Each identity's state: the base identity's and every identity an attached client has.</summary>
    public ImmutableDictionary<ClientIdentity, EngineState> ByIdentity { get; }

    /// <summary>The identity of each attached client.</summary>
    public ImmutableDictionary<ProxyClient, ClientIdentity> Clients { get; }

    /// <summary>The identity <paramref name="client"/> has now, or null when it is not attached.</summary>
    public ClientIdentity? IdentityOf(ProxyClient client) => Clients.GetValueOrDefault(client);

    /// <summary>The state <paramref name="client"/> is served from, or null when it is not attached.</summary>
    public EngineState? StateOf(ProxyClient client) => IdentityOf(client) is { } identity ? ByIdentity[identity] : null;
}
