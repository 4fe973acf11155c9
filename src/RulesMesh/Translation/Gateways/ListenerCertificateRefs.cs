using k8s.Models;
using RulesMesh.Capture;
using RulesMesh.Mesh;
using RulesMesh.Models.GatewayNetworkingK8sIo.V1;
using RulesMesh.Translation.Routes;

namespace RulesMesh.Translation.Gateways;

/// <summary>
/// Whether a listener's <c>tls.certificateRefs</c> resolve, for its ResolvedRefs condition. Gateway API (Gateway CRD,
/// <c>listeners.tls.certificateRefs</c>): a reference to another namespace that no ReferenceGrant allows MUST make
/// ResolvedRefs false with reason RefNotPermitted. A reference to something other than a core Secret, or to a Secret
/// that does not exist, is InvalidCertificateRef (Gateway API's reason for a certificateRef that is invalid or does
/// not exist). RulesMesh serves no TLS listener, so the certificates themselves are not read.
/// </summary>
internal static class ListenerCertificateRefs
{
    /// <summary>Gateway API's ResolvedRefs reason for a certificateRef that is invalid or names nothing.</summary>
    public const string InvalidCertificateRef = "InvalidCertificateRef";

    private const string SecretKind = "Secret";

    /// <summary>The first certificateRef of <paramref name="listener"/> that does not resolve, as a ResolvedRefs reason and message; null when all do.</summary>
    public static (string Reason, string Message)? Problem(GatewayCapture gateway, GatewayListener listener, TranslationContext context)
    {
        var from = new ObjectKey(RouteIndex.GatewayApiGroup, RouteIndex.GatewayKind, gateway.Name.Namespace, gateway.Name.Name);
        foreach (var reference in listener.Tls?.CertificateRefs ?? [])
        {
            var (group, kind) = (BackendRefs.NormalizeGroup(reference.Group), reference.Kind ?? SecretKind);
            var ns = reference.Namespace ?? gateway.Name.Namespace;
            var named = $"{(group.Length == 0 ? string.Empty : group + "/")}{kind} {ns}/{reference.Name}";
            if (group.Length != 0 || kind != SecretKind)
            {
                return (InvalidCertificateRef, $"certificateRef {named} is not a Secret, the only kind supported");
            }

            if (!BackendRefs.Permitted(context, from, group, kind, ns, reference.Name))
            {
                return (BackendRefs.RefNotPermitted, $"certificateRef {named} is not permitted: no ReferenceGrant in {ns} allows references from Gateway in namespace {gateway.Name.Namespace}");
            }

            if (context.Store.Get<V1Secret>(ns, reference.Name) is null)
            {
                return (InvalidCertificateRef, $"certificateRef {named} does not exist");
            }
        }

        return null;
    }
}
