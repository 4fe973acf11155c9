using RulesMesh.Mesh;
using RulesMesh.Rules;
using RulesMesh.Rules.Declarative;

namespace RulesMesh.Capture;

/// <summary>
/// The logic behind <see cref="UseWaypointLabelAttribute"/>: kgateway's <c>getUseWaypoint</c> over the object's
/// or its namespace's labels (docs/spec/kgateway-waypoint.md §2.2). Generated rule classes call it with their attribute's values.
/// </summary>
public static class UseWaypointLabel
{
    /// <summary>Evaluates the label rule for one service.</summary>
    public static CaptureVerdict Evaluate(MeshService service, RuleContext context, string label, string? namespaceLabel, string optOutValue, LabelScope scope)
    {
        if (scope == LabelScope.Object)
        {
            return Read(service.Labels, label, namespaceLabel, optOutValue, service.Namespace, new Where("the ", service.Key.Kind, "'s own label"));
        }

        if (!context.HasNamespace(service.Namespace))
        {
            return CaptureVerdict.Abstain($"namespace {service.Namespace} was not given, so its labels are unknown");
        }

        return Read(context.NamespaceLabels(service.Namespace), label, namespaceLabel, optOutValue, service.Namespace, new Where("the label on namespace ", service.Namespace, string.Empty));
    }

    // Every service gets a reason from each label rule: each is made as one string, the place written into it.
    private static CaptureVerdict Read(IReadOnlyDictionary<string, string> labels, string label, string? namespaceLabel, string optOutValue, string defaultNamespace, Where where)
    {
        if (!labels.TryGetValue(label, out var name))
        {
            return CaptureVerdict.Abstain($"{where.Lead}{where.Subject}{where.Tail} {label} is not set");
        }

        if (name == optOutValue)
        {
            return CaptureVerdict.NotCaptured($"{where.Lead}{where.Subject}{where.Tail} {label}={optOutValue} opts out of any waypoint");
        }

        var hasNamespace = namespaceLabel is not null && labels.TryGetValue(namespaceLabel, out _);
        var waypointNamespace = hasNamespace ? labels[namespaceLabel!] : defaultNamespace;
        var reason = hasNamespace ? $"{where.Lead}{where.Subject}{where.Tail} {label}={name} with {namespaceLabel}={waypointNamespace}"
            : namespaceLabel is null ? $"{where.Lead}{where.Subject}{where.Tail} {label}={name} (namespace {waypointNamespace}, its own)"
            : $"{where.Lead}{where.Subject}{where.Tail} {label}={name} (namespace {waypointNamespace}, since {namespaceLabel} is not set)";
        return CaptureVerdict.Captured(new NamespacedName(waypointNamespace, name), reason);
    }

    /// <summary>Where the label was read, in words: <c>the Service's own label</c>, <c>the label on namespace ns</c>.</summary>
    private readonly record struct Where(string Lead, string Subject, string Tail);
}
