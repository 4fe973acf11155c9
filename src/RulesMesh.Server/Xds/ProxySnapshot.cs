using System.Collections.Immutable;
using RulesMesh.Engine;

namespace RulesMesh.Server.Xds;

/// <summary>Everything one proxy should have now; proxies with the same Gateway and client identity share one.</summary>
/// <param name="Key">Names the Gateway and client identity it was built for (logs, <c>/debug/proxies</c>).</param>
/// <param name="Resources">The resources by type and name, each with its content-hash version.</param>
/// <param name="Warnings">Why it is what it is when that needs saying (for example: the node names no known Gateway).</param>
public sealed record ProxySnapshot(string Key, ResourceSet Resources, ImmutableArray<string> Warnings);
