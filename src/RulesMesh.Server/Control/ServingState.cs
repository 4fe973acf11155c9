using System.Collections.Immutable;
using RulesMesh.Engine;

namespace RulesMesh.Server.Control;

/// <summary>What proxies are served from after a writer-loop round, published whole so readers need no locks.</summary>
/// <param name="States">Each client identity's state and each attached client's identity.</param>
/// <param name="Snapshots">The snapshots of each identity's state.</param>
internal sealed record ServingState(ClientStates States, ImmutableDictionary<ClientIdentity, IdentitySnapshots> Snapshots);
