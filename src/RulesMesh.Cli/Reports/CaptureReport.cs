using System.Globalization;
using RulesMesh.Capture;
using RulesMesh.Cli.Output;
using RulesMesh.Mesh;
using RulesMesh.Rules;

namespace RulesMesh.Cli.Reports;

/// <summary>
/// Writes a <see cref="CaptureResult"/> for a person: each waypoint with the listener it serves and a table of the
/// services it captures, then the Gateways that are not waypoints, the services that name a waypoint which does not
/// serve them, and the services no waypoint captures. With <c>explain</c>, every decision's explanation (summary and
/// rule trail) follows its row.
/// </summary>
internal sealed class CaptureReport(CaptureResult result, TextWriter output, bool explain)
{
    private const string Indent = "  ";
    private const string RowIndent = "    ";
    private const string ExplanationIndent = "      ";

    /// <summary>The heading the details of a service explanation put before the capture rules' steps.</summary>
    private const string CaptureRulesHeading = "Capture rules, in order:";

    /// <summary>Writes the whole report, or only what concerns <paramref name="only"/>.</summary>
    public void Write(string profile, string input, NamespacedName? only)
    {
        var gateways = result.Gateways.Where(g => only is null || g.Name == only).ToList();
        var unserved = result.Unserved.Where(u => only is null || u.Waypoint == only).ToList();
        var served = gateways.Where(static g => g.ProducesOutput).Sum(static g => g.Services.Count);

        output.WriteLine($"Waypoint capture with profile {profile}");
        output.WriteLine($"Input: {input}");
        output.WriteLine(only is { } gateway
            ? $"Gateway {gateway}: {Count(served, "service")} captured, {unserved.Count} naming it without being served."
            : $"{Count(result.Services.Count, "service")} (Services and ServiceEntries): {served} captured by a waypoint, {unserved.Count} naming a waypoint that does not serve them, {result.NotCaptured.Count} not captured.");

        var waypoints = gateways.Where(static g => g.IsWaypoint).ToList();
        if (waypoints.Count == 0 && only is null)
        {
            output.WriteLine();
            output.WriteLine("No Gateway is a waypoint.");
        }

        foreach (var waypoint in waypoints)
        {
            output.WriteLine();
            WriteWaypoint(waypoint);
        }

        WriteOtherGateways(gateways.Where(static g => !g.IsWaypoint).ToList());
        WriteUnserved(unserved, only);
        if (explain && only is null)
        {
            WriteWorkloads("Workloads bound to no waypoint ({0}):", [.. result.Workloads.Where(static w => w.Decision.Waypoint is null)], separate: true);
        }

        if (only is null)
        {
            WriteNotCaptured();
        }
        else if (result.NotCaptured.Count > 0)
        {
            output.WriteLine();
            output.WriteLine($"{Count(result.NotCaptured.Count, "service")} not captured by any waypoint; run without --gateway to see them.");
        }
    }

    private void WriteWaypoint(GatewayCapture waypoint)
    {
        output.WriteLine($"Waypoint {waypoint.Name} (class {ClassOf(waypoint)})");
        output.WriteLine(Indent + ListenerLine(waypoint));
        if (explain)
        {
            output.WriteLine(Indent + $"Is a waypoint: {waypoint.Decision.Reason}.");
            WriteLines(Indent, RuleSteps("Waypoint rules, in order:", waypoint.Decision.Trace));
        }

        if (!waypoint.ProducesOutput)
        {
            output.WriteLine(Indent + (waypoint.Services.Count == 0
                ? "It produces no configuration, and no service names it."
                : $"It produces no configuration: the {Count(waypoint.Services.Count, "service")} naming it are listed under \"Services naming a waypoint that does not serve them\"."));
            return;
        }

        if (waypoint.Services.Count == 0)
        {
            output.WriteLine(Indent + "Captures no service.");
        }
        else
        {
            output.WriteLine(Indent + $"Captures {Count(waypoint.Services.Count, "service")}:");
            var table = new TextTable("KIND", "NAMESPACE/NAME", "PORTS", "VIPS");
            foreach (var service in waypoint.Services)
            {
                table.AddRow(service.Key.Kind, NameOf(service.Key), Ports(service.Service), Vips(service));
            }

            // Under the waypoint, the Gateway's own verdict is already written above: only the service's part is repeated.
            WriteTable(table, waypoint.Services, service => ServicePart(result.Explain(service.Key, waypoint.Name)));
        }

        WriteWorkloads(Indent + "Binds {0}:", [.. result.WorkloadsFor(waypoint.Name)], separate: false);
    }

    /// <summary>
    /// Workloads (Pods, WorkloadEntries) under <paramref name="heading"/>, each explained by its binding decision; nothing
    /// when there are none (profiles that bind no workloads). <paramref name="separate"/> puts a blank line first.
    /// </summary>
    private void WriteWorkloads(string heading, IReadOnlyList<WorkloadCapture> workloads, bool separate)
    {
        if (workloads.Count == 0)
        {
            return;
        }

        if (separate)
        {
            output.WriteLine();
        }

        output.WriteLine(string.Format(CultureInfo.InvariantCulture, heading, Count(workloads.Count, "workload")));
        var table = new TextTable("KIND", "NAMESPACE/NAME", "ADDRESS");
        foreach (var workload in workloads)
        {
            table.AddRow(workload.Workload.Kind, workload.Workload.Name.ToString(), workload.Workload.Address);
        }

        WriteTable(table, workloads, static workload => [workload.Decision.Reason + "."]);
    }

    private void WriteOtherGateways(IReadOnlyList<GatewayCapture> others)
    {
        if (others.Count == 0)
        {
            return;
        }

        output.WriteLine();
        output.WriteLine($"Gateways that are not waypoints ({others.Count}):");
        var table = new TextTable("NAMESPACE/NAME", "CLASS", "WHY NOT");
        foreach (var gateway in others)
        {
            table.AddRow(gateway.Name.ToString(), ClassOf(gateway), gateway.Decision.Reason + RuleSuffix(gateway.Decision.DecidingRule));
        }

        WriteTable(table, others, gateway => RuleSteps("Waypoint rules, in order:", gateway.Decision.Trace));
    }

    private void WriteUnserved(IReadOnlyList<UnservedService> unserved, NamespacedName? only)
    {
        output.WriteLine();
        if (unserved.Count == 0)
        {
            output.WriteLine(only is null ? "Services naming a waypoint that does not serve them: none." : $"Services naming {only} that it does not serve: none.");
            return;
        }

        output.WriteLine($"Services naming a waypoint that does not serve them ({unserved.Count}):");
        var table = new TextTable("KIND", "NAMESPACE/NAME", "PROBLEM");
        foreach (var service in unserved)
        {
            table.AddRow(service.Capture.Key.Kind, NameOf(service.Capture.Key), service.Problem);
        }

        WriteTable(table, unserved, service => Whole(result.Explain(service.Capture.Key)));
    }

    private void WriteNotCaptured()
    {
        output.WriteLine();
        if (result.NotCaptured.Count == 0)
        {
            output.WriteLine("Not captured: none.");
            return;
        }

        output.WriteLine($"Not captured ({result.NotCaptured.Count}):");
        var table = new TextTable("KIND", "NAMESPACE/NAME", "REASON");
        foreach (var service in result.NotCaptured)
        {
            table.AddRow(service.Key.Kind, NameOf(service.Key), service.Decision.Reason + RuleSuffix(service.Decision.DecidingRule));
        }

        WriteTable(table, result.NotCaptured, service => Whole(result.Explain(service.Key)));
    }

    /// <summary>Writes the table indented; with <c>explain</c>, each row is followed by its explanation and a blank line.</summary>
    private void WriteTable<T>(TextTable table, IReadOnlyList<T> rows, Func<T, IEnumerable<string>> explanation)
    {
        var lines = table.Lines();
        output.WriteLine(RowIndent + lines[0]);
        for (var row = 0; row < rows.Count; row++)
        {
            output.WriteLine(RowIndent + lines[row + 1]);
            if (explain)
            {
                WriteLines(ExplanationIndent, explanation(rows[row]));
                if (row < rows.Count - 1)
                {
                    output.WriteLine();
                }
            }
        }
    }

    private void WriteLines(string indent, IEnumerable<string> lines)
    {
        foreach (var line in lines)
        {
            output.WriteLine(indent + line);
        }
    }

    private static IEnumerable<string> Whole(CaptureExplanation explanation) => explanation.Details.Prepend(explanation.Summary);

    /// <summary>
    /// The summary, its notes and the capture rules' steps, without what the explanation then says about the waypoint
    /// (its own verdict and listener), which the waypoint's heading already shows.
    /// </summary>
    private static IEnumerable<string> ServicePart(CaptureExplanation explanation)
    {
        yield return explanation.Summary;
        var inSteps = false;
        foreach (var line in explanation.Details)
        {
            if (line == CaptureRulesHeading)
            {
                inSteps = true;
            }
            else if (inSteps && !line.StartsWith(' '))
            {
                yield break;
            }

            yield return line;
        }
    }

    private static IEnumerable<string> RuleSteps(string heading, IReadOnlyList<RuleTrace> trace)
    {
        yield return heading;
        if (trace.Count == 0)
        {
            yield return "  (no rule of this stage is active in the profile)";
        }

        for (var index = 0; index < trace.Count; index++)
        {
            var step = trace[index];
            yield return string.Create(CultureInfo.InvariantCulture, $"  {index + 1}. {step.Rule} → {Outcome(step.Outcome)}: {step.Reason}");
        }
    }

    private static string ListenerLine(GatewayCapture gateway) => gateway.Listener switch
    {
        null => "Listener: none checked (no listener rule of this profile handles it, so its listeners do not limit capture).",
        { ListenerName: { } name } listener => string.Create(CultureInfo.InvariantCulture, $"Listener: {name}:{listener.Port}"),
        { } listener => $"Listener: none served ({ListenerProblem(listener)}).",
    };

    private static string ListenerProblem(ListenerVerdict listener)
        => listener.Status.Conditions?.FirstOrDefault(static c => c.Type == "Accepted" && c.Status == "False") is { } rejected
            ? $"Accepted=False, {rejected.Reason}: {rejected.Message}"
            : "no listener is valid";

    private static string ClassOf(GatewayCapture gateway)
        => gateway.Gateway.Spec?.GatewayClassName is { Length: > 0 } name ? name : "(none)";

    private static string NameOf(ObjectKey key) => $"{key.Namespace}/{key.Name}";

    /// <summary>Each port as <c>port/protocol (http|tcp)</c>: the protocol as modelled, then the filter chain kind it gets.</summary>
    private static string Ports(MeshService service)
        => service.Ports.Count == 0
            ? "none"
            : string.Join(", ", service.Ports.Select(static p => string.Create(CultureInfo.InvariantCulture, $"{p.Port}/{p.Protocol} ({(p.IsHttp ? "http" : "tcp")})")));

    private static string Vips(ServiceCapture service)
        => service.HasAddresses ? string.Join(", ", service.Service.Addresses) : "none: no filter chain";

    private static string RuleSuffix(string? rule) => rule is null ? string.Empty : $" (rule {rule})";

    private static string Count(int count, string noun) => count == 1 ? $"1 {noun}" : $"{count} {noun}s";

    private static string Outcome(string outcome) => outcome switch
    {
        nameof(GateOutcome.Abstain) => "no opinion",
        nameof(GateOutcome.Pass) => "passed",
        nameof(GateOutcome.Fail) => "failed",
        "NotApplicable" => "does not apply",
        _ => outcome,
    };
}
