using RulesMesh.Mesh;
using RulesMesh.Rules;

namespace RulesMesh.Capture;

/// <summary>Writes <see cref="CaptureExplanation"/>s: the answer and its deciding rule first, then the notes and rule trails behind it.</summary>
internal static class CaptureExplainer
{
    public static CaptureExplanation Explain(CaptureResult result, ObjectKey key, NamespacedName? asked)
    {
        var subject = $"{key.Kind} {key.Namespace}/{key.Name}";
        if (result.Service(key) is not { } service)
        {
            return new CaptureExplanation($"{subject} was not loaded (or no service-model rule reads its kind), so no capture rule judged it.", []);
        }

        var decision = service.Decision;
        var byRule = RuleSuffix(decision.DecidingRule);
        var details = new List<string>();
        string summary;
        if (decision.Waypoint is not { } chosen)
        {
            summary = asked is { } waypoint
                ? $"{subject} is not captured by {waypoint}: {decision.Reason}{byRule}."
                : $"{subject} is not captured: {decision.Reason}{byRule}.";
        }
        else if (decision.Canary is { } canary && asked == canary.Waypoint)
        {
            summary = $"{subject} is captured by canary waypoint {canary.Waypoint}, which takes {canary.Weight}% of its traffic beside its primary waypoint {chosen}: {decision.Reason}{byRule}.";
        }
        else if (asked is { } other && other != chosen)
        {
            summary = $"{subject} is not captured by {other}: it names waypoint {chosen} instead, because {decision.Reason}{byRule}.";
        }
        else if (result.Gateway(chosen) is { ProducesOutput: true })
        {
            summary = $"{subject} is captured by waypoint {chosen}: {decision.Reason}{byRule}.";
            if (decision.Canary is { } also)
            {
                details.Add($"Canary waypoint {also.Waypoint} owns it too and takes {also.Weight}% of its traffic.");
            }

            if (!service.HasAddresses)
            {
                details.Add("It has no VIP (a headless Service, or a ServiceEntry without addresses), so the waypoint builds no filter chain for it and cannot tell its traffic apart; its clusters are still built.");
            }
        }
        else
        {
            summary = $"{subject} is not served by any waypoint: it names {chosen}{byRule}, {WhyNotServed(result.Gateway(chosen), chosen)}.";
            details.Add($"It names {chosen} because {decision.Reason}.");
            details.Add($"Nothing checks the Gateway when a service is filed under the name its labels give (kgateway does not either), so it is listed under {chosen}; but only a waypoint that serves a listener produces configuration.");
        }

        details.Add("Capture rules, in order:");
        details.AddRange(Steps(decision.Trace));
        if ((asked ?? decision.Waypoint) is { } named)
        {
            details.AddRange(DescribeGateway(result.Gateway(named), named));
        }

        return new CaptureExplanation(summary, details);
    }

    private static string WhyNotServed(GatewayCapture? gateway, NamespacedName name)
        => gateway is null ? $"and there is no Gateway {name}"
            : !gateway.IsWaypoint ? $"which is not a waypoint, since {gateway.Decision.Reason}{RuleSuffix(gateway.Decision.DecidingRule)}"
            : $"which serves no listener ({gateway.ListenerProblem})";

    private static IEnumerable<string> DescribeGateway(GatewayCapture? gateway, NamespacedName name)
    {
        if (gateway is null)
        {
            yield return $"There is no Gateway {name}.";
            yield break;
        }

        // A pass joins the reasons of every passing rule, so only a failure is credited to one rule.
        yield return gateway.IsWaypoint
            ? $"Gateway {name} is a waypoint: {gateway.Decision.Reason}."
            : $"Gateway {name} is not a waypoint: {gateway.Decision.Reason}{RuleSuffix(gateway.Decision.DecidingRule)}.";
        yield return "Waypoint rules, in order:";
        foreach (var step in Steps(gateway.Decision.Trace))
        {
            yield return step;
        }

        yield return gateway.Listener switch
        {
            null => "No listener rule of this profile handles it, so its listeners do not limit what it captures.",
            { ListenerName: { } served } listener => $"It serves listener {served} on port {listener.Port}.",
            _ => $"It serves no listener: {gateway.ListenerProblem}.",
        };
    }

    private static IEnumerable<string> Steps(IReadOnlyList<RuleTrace> trace)
        => trace.Count == 0
            ? ["  (no rule of this stage is active in the profile)"]
            : trace.Select(static (step, index) => $"  {index + 1}. {step.Rule} → {Outcome(step.Outcome)}: {step.Reason}");

    private static string RuleSuffix(string? rule) => rule is null ? string.Empty : $" (rule {rule})";

    private static string Outcome(string outcome) => outcome switch
    {
        nameof(CaptureOutcome.Abstain) => "no opinion",
        nameof(CaptureOutcome.Captured) => "captured",
        nameof(CaptureOutcome.NotCaptured) => "not captured",
        nameof(GateOutcome.Pass) => "passed",
        nameof(GateOutcome.Fail) => "failed",
        "NotApplicable" => "does not apply",
        _ => outcome,
    };
}
