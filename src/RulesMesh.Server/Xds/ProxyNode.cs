using RulesMesh.Mesh;

namespace RulesMesh.Server.Xds;

/// <summary>
/// Who is asking, from the Envoy <c>Node</c> of its first request (kgateway's convention): metadata <c>role</c> =
/// <c>kgateway-kube-gateway-api~&lt;namespace&gt;~&lt;gateway&gt;</c> names the Gateway; <c>node.id</c> =
/// <c>&lt;pod&gt;.&lt;namespace&gt;</c> names the client Pod; <c>node.locality</c> is the fallback locality.
/// </summary>
/// <param name="Id">The node id as sent.</param>
/// <param name="Cluster">The node cluster as sent.</param>
/// <param name="Gateway">The Gateway the role names, or null when it names none.</param>
/// <param name="Pod">The client Pod the id names, or null when the id is not <c>pod.namespace</c>.</param>
/// <param name="Locality">The node's own locality as <c>region/zone/subzone</c>, or null when it sent none.</param>
/// <param name="IsProxylessGrpc">Metadata <c>GENERATOR</c> = <c>grpc</c> (Istio's proxyless gRPC clients).</param>
public sealed record ProxyNode(string Id, string Cluster, NamespacedName? Gateway, NamespacedName? Pod, string? Locality, bool IsProxylessGrpc);
