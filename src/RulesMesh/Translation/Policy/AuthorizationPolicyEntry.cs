using RulesMesh.Mesh;
using RulesMesh.Models.SecurityIstioIo.V1;

namespace RulesMesh.Translation.Policy;

/// <summary>
/// One AuthorizationPolicy as the RBAC builder reads it (Istio's <c>model.AuthorizationPolicy</c>): its name, its spec
/// read as <c>security.istio.io/v1</c> whatever version it was written in, and whether it only runs dry.
/// </summary>
/// <param name="Name">The policy's namespace and name; RBAC policy names are <c>ns[&lt;ns&gt;]-policy[&lt;name&gt;]-rule[&lt;i&gt;]</c>.</param>
/// <param name="Spec">The spec.</param>
/// <param name="DryRun">
/// Whether the policy carries <c>istio.io/dry-run: "true"</c>: its rules go to the filter's shadow rules, which only log.
/// </param>
public sealed record AuthorizationPolicyEntry(NamespacedName Name, AuthorizationPolicySpec Spec, bool DryRun = false)
{
    /// <summary>The annotation that makes a policy run dry.</summary>
    public const string DryRunAnnotation = "istio.io/dry-run";

    /// <summary>How warnings name the policy: <c>AuthorizationPolicy ns/name</c>.</summary>
    public string Subject => $"AuthorizationPolicy {Name}";

    /// <summary>The policy's key, for warnings that say where it was written.</summary>
    public ObjectKey Key => new(AuthorizationPolicy.KubeGroup, AuthorizationPolicy.KubeKind, Name.Namespace, Name.Name);

    /// <summary>A warning about the policy, at <paramref name="fieldPath"/> when given (<c>spec.rules[0]</c>).</summary>
    public TranslationWarning Warning(string message, string? fieldPath = null) => new(Subject, message) { Resource = Key, FieldPath = fieldPath };

    /// <summary>
    /// The policy's action as written: <c>ALLOW</c> when unset (the proto default), otherwise the wire value
    /// (<c>ALLOW</c>, <c>DENY</c>, <c>AUDIT</c>, <c>CUSTOM</c>, or something unknown).
    /// </summary>
    public string Action => Spec.Action is { } action && action.Value.Length > 0 ? action.Value : "ALLOW";

    /// <summary>Reads <paramref name="policy"/>; <c>istio.io/dry-run</c> is parsed as Go's <c>strconv.ParseBool</c> does.</summary>
    public static AuthorizationPolicyEntry From(AuthorizationPolicy policy)
    {
        ArgumentNullException.ThrowIfNull(policy);
        var metadata = policy.Metadata;
        var dryRun = metadata?.Annotations is { } annotations
            && annotations.TryGetValue(DryRunAnnotation, out var value)
            && value is "1" or "t" or "T" or "true" or "TRUE" or "True";
        return new AuthorizationPolicyEntry(
            new NamespacedName(metadata?.NamespaceProperty ?? string.Empty, metadata?.Name ?? string.Empty),
            policy.Spec ?? new AuthorizationPolicySpec(),
            dryRun);
    }
}
