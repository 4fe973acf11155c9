using RulesMesh.Server.Hosting;

namespace RulesMesh.Cli.Commands;

/// <summary>What <c>rulesmesh serve</c> was asked to do, checked.</summary>
/// <param name="Server">The xDS and admin endpoints and TLS.</param>
/// <param name="Profile">The rule profile.</param>
/// <param name="Source">Where the objects come from.</param>
/// <param name="Debounce">How long changes settle before they are read and before the engine steps.</param>
/// <param name="ClusterDomain">The Kubernetes cluster domain of Service hostnames.</param>
internal sealed record ServeSettings(ServeOptions Server, string Profile, ServeSource Source, TimeSpan Debounce, string ClusterDomain);
