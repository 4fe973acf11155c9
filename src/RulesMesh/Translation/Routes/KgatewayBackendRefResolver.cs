using RulesMesh.Mesh;
using RulesMesh.Rules;
using RulesMesh.Translation.Backends;

namespace RulesMesh.Translation.Routes;

/// <summary>
/// kgateway's backendRef resolution (docs/spec/kgateway-waypoint.md §3.6) for Services, ServiceEntries and <c>networking.istio.io/Hostname</c>:
/// <list type="bullet">
/// <item>kind defaults to Service and group to core; the namespace defaults to the route's, except for a Hostname,
/// which is global (namespace "");</item>
/// <item>a ref into another namespace needs a ReferenceGrant there, except a global Hostname;</item>
/// <item>a ServiceEntry ref means every host of the entry on that port; a Hostname ref every ServiceEntry, in any
/// namespace, with that host and port; a Hostname ref that names a namespace matches nothing;</item>
/// <item>among several candidates the oldest object wins, then the smallest resource name.</item>
/// </list>
/// Other kinds are left to later rules.
/// </summary>
[Rule("kgateway.backends.backend-ref", Order = 610,
    Description = "A backendRef resolves to a Service port, a ServiceEntry host and port, or (globally) every ServiceEntry with a Hostname and port, oldest first; cross-namespace refs need a ReferenceGrant.")]
public sealed class KgatewayBackendRefResolver : IBackendRefRule
{
    /// <inheritdoc />
    public BackendResolution? ResolveBackendRef(BackendRefRequest request, TranslationContext context)
    {
        if (BackendRefs.IsService(request))
        {
            return ResolveService(request, context);
        }

        if (BackendRefs.IsServiceEntry(request))
        {
            return ResolveServiceEntry(request, context);
        }

        return BackendRefs.IsHostname(request) ? ResolveHostname(request, context) : null;
    }

    private static BackendResolution ResolveService(BackendRefRequest request, TranslationContext context)
    {
        var ns = string.IsNullOrEmpty(request.Namespace) ? request.RouteNamespace : request.Namespace;
        var key = new ObjectKey(string.Empty, BackendRefs.ServiceKind, ns, request.Name);
        var target = $"Service {ns}/{request.Name}";
        if (!BackendRefs.Permitted(context, request.Route, key.Group, key.Kind, ns, request.Name))
        {
            return BackendRefs.NotPermitted(request.Route, target, ns);
        }

        if (context.Capture.Service(key) is null)
        {
            return BackendResolution.Failed(BackendRefs.BackendNotFound, $"{target} not found");
        }

        if (request.Port is not { } port)
        {
            return BackendResolution.Failed(BackendRefs.BackendNotFound, $"backendRef to {target} has no port; a Service backendRef needs one");
        }

        return BackendIndex.For(context).ForServicePort(key, port) is [var backend, ..]
            ? BackendResolution.To(backend)
            : BackendResolution.Failed(BackendRefs.BackendNotFound, $"{target} has no port {BackendRefs.PortText(port)}");
    }

    private static BackendResolution ResolveServiceEntry(BackendRefRequest request, TranslationContext context)
    {
        var ns = string.IsNullOrEmpty(request.Namespace) ? request.RouteNamespace : request.Namespace;
        var key = new ObjectKey(BackendRefs.IstioGroup, BackendRefs.ServiceEntryKind, ns, request.Name);
        var target = $"ServiceEntry {ns}/{request.Name}";
        if (!BackendRefs.Permitted(context, request.Route, key.Group, key.Kind, ns, request.Name))
        {
            return BackendRefs.NotPermitted(request.Route, target, ns);
        }

        if (context.Capture.Service(key) is not { } entry)
        {
            return BackendResolution.Failed(BackendRefs.BackendNotFound, $"{target} not found");
        }

        if (request.Port is not { } port)
        {
            return BackendResolution.Failed(BackendRefs.BackendNotFound, $"backendRef to {target} has no port; a ServiceEntry backendRef needs one");
        }

        if (BackendRefs.Oldest(BackendIndex.For(context).ForAlias(key, port)) is { } backend)
        {
            return BackendResolution.To(backend);
        }

        var why = entry.Service.Ports.Any(p => p.Port == port)
            ? "has no backends (resolution NONE or unsupported)"
            : $"has no port {BackendRefs.PortText(port)}";
        return BackendResolution.Failed(BackendRefs.BackendNotFound, $"{target} {why}");
    }

    private static BackendResolution ResolveHostname(BackendRefRequest request, TranslationContext context)
    {
        // Hostname is a global kind: it has no namespace unless the ref writes one.
        var ns = request.Namespace ?? string.Empty;
        var target = $"Hostname {request.Name}";
        if (ns.Length > 0 && !BackendRefs.Permitted(context, request.Route, BackendRefs.IstioGroup, ServiceEntryBackends.HostnameKind, ns, request.Name))
        {
            return BackendRefs.NotPermitted(request.Route, target, ns);
        }

        if (request.Port is not { } port)
        {
            return BackendResolution.Failed(BackendRefs.BackendNotFound, $"backendRef to {target} has no port; a Hostname backendRef needs one");
        }

        if (ns.Length > 0)
        {
            // The aliases of ServiceEntry hosts have no namespace, so a namespaced Hostname key matches none of them.
            return BackendResolution.Failed(BackendRefs.BackendNotFound, $"{target} in namespace {ns} not found: Hostname backendRefs are global, leave out the namespace");
        }

        var alias = new ObjectKey(BackendRefs.IstioGroup, ServiceEntryBackends.HostnameKind, string.Empty, request.Name);

        // Every backend of a ServiceEntry carries all its hosts as aliases; only the backend of the named host serves it.
        var candidates = BackendIndex.For(context).ForAlias(alias, port).Where(b => b.Host == request.Name);
        return BackendRefs.Oldest(candidates) is { } backend
            ? BackendResolution.To(backend)
            : BackendResolution.Failed(BackendRefs.BackendNotFound, $"no ServiceEntry in any namespace has host {request.Name} with port {BackendRefs.PortText(port)}");
    }
}
