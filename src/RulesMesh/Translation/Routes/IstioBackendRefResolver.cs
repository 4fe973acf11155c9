using RulesMesh.Mesh;
using RulesMesh.Rules;
using RulesMesh.Translation.Backends;

namespace RulesMesh.Translation.Routes;

/// <summary>
/// Istio's backendRef resolution (<c>buildDestination</c>, docs/spec/istio-gatewayapi.md §7):
/// <list type="bullet">
/// <item>a ref into another namespace needs a ReferenceGrant, checked first, except on a mesh route
/// (<see cref="BackendRefRequest.MeshRoute"/>: istiod converts those without enforcing grants);</item>
/// <item>a Service ref's name may not contain '.', and it must exist; an MCS ServiceImport ref is taken as the
/// Service of its name (istiod without MCS host support, its default: host <c>&lt;name&gt;.&lt;ns&gt;.svc.&lt;domain&gt;</c>);</item>
/// <item>a Hostname ref may not set a namespace and is looked up in the route's own namespace only, among Services
/// (by cluster FQDN) and ServiceEntry hosts: a Kubernetes Service beats a ServiceEntry, then the oldest wins;</item>
/// <item>every ref needs a port;</item>
/// <item>ServiceEntry refs are not supported (InvalidKind).</item>
/// </list>
/// Failures carry Istio's reasons and messages.
/// </summary>
[Rule("istio.backends.backend-ref", Order = 610, Profile = "istio", Replaces = "kgateway.backends.backend-ref",
    Description = "A backendRef resolves to a Service port (a ServiceImport's as its Service's), or to the Service or ServiceEntry host in the route's own namespace that a Hostname names (Services first, then oldest); ServiceEntry refs are unsupported.")]
public sealed class IstioBackendRefResolver : IBackendRefRule
{
    /// <summary>Istio's reason for a malformed destination (<c>InvalidDestination</c>).</summary>
    public const string InvalidDestination = "InvalidDestination";

    /// <inheritdoc />
    public BackendResolution? ResolveBackendRef(BackendRefRequest request, TranslationContext context)
    {
        // Without MCS host support (istiod's default) a ServiceImport is the Service of its name, already cross-cluster.
        var isService = BackendRefs.IsService(request) || BackendRefs.IsServiceImport(request);
        var isHostname = BackendRefs.IsHostname(request);
        var isServiceEntry = BackendRefs.IsServiceEntry(request);
        if (!isService && !isHostname && !isServiceEntry)
        {
            return null;
        }

        var ns = string.IsNullOrEmpty(request.Namespace) ? request.RouteNamespace : request.Namespace;
        var kind = BackendRefs.Kind(request);
        if (!request.MeshRoute && !BackendRefs.Permitted(context, request.Route, BackendRefs.Group(request), kind, ns, request.Name))
        {
            return BackendResolution.Failed(
                BackendRefs.RefNotPermitted,
                $"backendRef {request.Name}/{ns} not accessible to a {request.Route.Kind} in namespace \"{request.RouteNamespace}\" (missing a ReferenceGrant?)");
        }

        if (isServiceEntry)
        {
            return BackendResolution.Failed(BackendRefs.InvalidKind, $"referencing unsupported backendRef: group \"{BackendRefs.IstioGroup}\" kind \"{kind}\"");
        }

        string host;
        BackendResolution? notFound = null;
        if (isService)
        {
            if (request.Name.Contains('.', StringComparison.Ordinal))
            {
                return BackendResolution.Failed(InvalidDestination, "service name invalid; the name field should not include the namespace");
            }

            host = $"{request.Name}.{ns}.svc.{context.Settings.ClusterDomain}";
            if (context.Capture.Service(new ObjectKey(string.Empty, BackendRefs.ServiceKind, ns, request.Name)) is null)
            {
                notFound = NotFound(host);
            }
        }
        else
        {
            if (!string.IsNullOrEmpty(request.Namespace))
            {
                return BackendResolution.Failed(InvalidDestination, "namespace may not be set with Hostname type");
            }

            host = request.Name;
        }

        if (request.Port is not { } port)
        {
            return BackendResolution.Failed(InvalidDestination, "port is required in backendRef");
        }

        if (notFound is not null)
        {
            return notFound;
        }

        if (isService)
        {
            return BackendIndex.For(context).ForServicePort(new ObjectKey(string.Empty, BackendRefs.ServiceKind, ns, request.Name), port) is [var first, ..]
                ? BackendResolution.To(first)
                : request.MeshRoute ? BackendResolution.ToHost(host) : NotFound(host);
        }

        if (LookupHostname(context, host, ns, port) is { } backend)
        {
            return BackendResolution.To(backend);
        }

        // istiod looks the host up in the route's namespace whatever the port: a host served there on other ports is
        // found, and its destination is the ref's port (a mesh route's outbound cluster no service declares).
        return request.MeshRoute && BackendIndex.For(context).ForHost(host).Any(b => b.Service.Namespace == ns)
            ? BackendResolution.ToHost(host)
            : NotFound(host);
    }

    /// <summary>
    /// Istio's <c>HostnameAndNamespace[host][routeNamespace]</c>: the backend for <paramref name="host"/> and
    /// <paramref name="port"/> of services in <paramref name="ns"/> istiod takes (<see cref="IstioHostPreference"/>).
    /// </summary>
    private static BackendObject? LookupHostname(TranslationContext context, string host, string ns, int port)
        => BackendIndex.For(context).ForHost(host, port)
            .Where(b => b.Service.Namespace == ns)
            .Order(IstioHostPreference.Instance)
            .FirstOrDefault();

    private static BackendResolution NotFound(string host) => BackendResolution.Failed(BackendRefs.BackendNotFound, $"backend({host}) not found") with { Host = host };
}
