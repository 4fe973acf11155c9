using RulesMesh.Models.GatewayKgatewayDev.V1alpha1;

namespace RulesMesh.Translation.Policy;

/// <summary>
/// Warnings about the merged BackendConfigPolicies of one backend: each is about the policy whose field won the merge
/// (the oldest that sets it), so it points at the field that was written, not at every policy merged.
/// </summary>
/// <param name="context">Where warnings go.</param>
/// <param name="subject">The policies merged, as warnings have always named them: <c>BackendConfigPolicy ns/a, ns/b</c>.</param>
/// <param name="policies">The policies, in merge order.</param>
internal sealed class BackendConfigWarnings(TranslationContext context, string subject, IReadOnlyList<BackendConfigPolicy> policies)
{
    /// <summary>A warning without a field (e.g. an attached policy's errors), about the only policy when there is one.</summary>
    public void About(string message)
        => context.Warn(new TranslationWarning(subject, message) { Resource = policies is [var only] ? context.KeyOf(only) : null });

    /// <summary>
    /// A warning at <paramref name="fieldPath"/> of the policy whose top-level field (<paramref name="setting"/> reads
    /// it from a spec) the merge took.
    /// </summary>
    public void At(string fieldPath, Func<BackendConfigPolicySpec, object?> setting, string message)
    {
        var owner = policies.FirstOrDefault(p => setting(p.Spec) is not null);
        context.Warn(new TranslationWarning(subject, message) { Resource = owner is null ? null : context.KeyOf(owner), FieldPath = owner is null ? null : fieldPath });
    }
}
