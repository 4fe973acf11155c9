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
            return Read(service.Labels, label, namespaceLabel, optOutValue, service.Namespace, new LabelPlace("the ", service.Key.Kind, "'s own label"));
        }

        if (!context.HasNamespace(service.Namespace))
        {
            return CaptureVerdict.Abstain($"namespace {service.Namespace} was not given, so its labels are unknown");
        }

        return Read(context.NamespaceLabels(service.Namespace), label, namespaceLabel, optOutValue, service.Namespace, new LabelPlace("the label on namespace ", service.Namespace, string.Empty));
    }

    // Every service gets a reason from each label rule: each is made as one string, the place written into it.
    private static CaptureVerdict Read(IReadOnlyDictionary<string, string> labels, string label, string? namespaceLabel, string optOutValue, string defaultNamespace, LabelPlace where)
    {
        if (!labels.TryGetValue(label, out var name))
        {
            return CaptureVerdict.Abstain($"{where} {label} is not set");
        }

        if (name == optOutValue)
        {
            return CaptureVerdict.NotCaptured($"{where} {label}={optOutValue} opts out of any waypoint");
        }

        var hasNamespace = namespaceLabel is not null && labels.TryGetValue(namespaceLabel, out _);
        var waypointNamespace = hasNamespace ? labels[namespaceLabel!] : defaultNamespace;
        var reason = hasNamespace ? $"{where} {label}={name} with {namespaceLabel}={waypointNamespace}"
            : namespaceLabel is null ? $"{where} {label}={name} (namespace {waypointNamespace}, its own)"
            : $"{where} {label}={name} (namespace {waypointNamespace}, since {namespaceLabel} is not set)";
        return CaptureVerdict.Captured(new NamespacedName(waypointNamespace, name), reason);
    }

    /// <summary>
    /// Where the label was read, in words (<c>the Service's own label</c>, <c>the label on namespace ns</c>): written
    /// into a reason in place, never a string of its own.
    /// </summary>
    private readonly struct LabelPlace(string lead, string subject, string tail) : ISpanFormattable
    {
        public bool TryFormat(Span<char> destination, out int charsWritten, ReadOnlySpan<char> format, IFormatProvider? provider)
            => destination.TryWrite($"{lead}{subject}{tail}", out charsWritten);

        public string ToString(string? format, IFormatProvider? formatProvider) => ToString();

        public override string ToString() => string.Concat(lead, subject, tail);
    }
}
