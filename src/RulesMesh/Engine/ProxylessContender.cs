using RulesMesh.Translation.Proxyless;

namespace RulesMesh.Engine;

/// <summary>One of several services' listener or route configuration for the same <c>&lt;host&gt;:&lt;port&gt;</c>.</summary>
/// <param name="Resource">The resource this service gives for the name.</param>
/// <param name="Visibility">The client namespaces that see the service.</param>
/// <param name="Owner">The service, which <see cref="ProxylessOwner.CompareFor"/> ranks for a client namespace.</param>
public sealed record ProxylessContender(VersionedResource Resource, ProxylessVisibility Visibility, ProxylessOwner Owner);
