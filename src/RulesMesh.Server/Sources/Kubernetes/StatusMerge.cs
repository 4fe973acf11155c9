using System.Collections.Frozen;
using System.Globalization;
using System.Text.Json.Nodes;

namespace RulesMesh.Server.Sources.Kubernetes;

/// <summary>
/// Turns the status the engine computed into the one to write over what the API server has, as a controller does:
/// a condition whose status is unchanged keeps its <c>lastTransitionTime</c> (the engine cannot know it and leaves it
/// unset), a changed or new one gets the time of writing; entries other controllers own (route <c>parents</c> and
/// policy <c>ancestors</c> with another <c>controllerName</c>) are kept.
/// </summary>
internal static class StatusMerge
{
    /// <summary>The status to write, given the engine's <paramref name="desired"/> one and the server's <paramref name="existing"/> one.</summary>
    public static JsonNode Merge(JsonNode desired, JsonNode? existing, DateTimeOffset now)
        => Visit(desired.DeepClone(), existing, now.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture));

    // The waypoint condition types the istio profile writes (RulesMesh.Capture.IstioServiceConditions): ours alone, so
    // one the engine no longer reports is removed, as istiod removes it.
    private static readonly FrozenSet<string> WaypointConditionTypes =
        FrozenSet.ToFrozenSet(["istio.io/WaypointBound", "istio.io/WaypointMissing", "istio.io/VisibilityApplied"], StringComparer.Ordinal);

    // The status lists whose entries belong to one controller each.
    private static readonly string[] EntryLists = ["parents", "ancestors"];

    /// <summary>
    /// Adds to <paramref name="desired"/>'s conditions those of <paramref name="existing"/> of other types that are not
    /// waypoint conditions: a Service's or ServiceEntry's status is shared with other controllers, and a merge patch
    /// replaces the whole conditions list.
    /// </summary>
    public static void KeepOtherConditions(JsonNode desired, JsonNode? existing)
    {
        if (desired is not JsonObject status || (existing as JsonObject)?["conditions"] is not JsonArray before)
        {
            return;
        }

        var conditions = status["conditions"] as JsonArray ?? [];
        status["conditions"] = conditions;
        var ours = conditions.OfType<JsonObject>().Select(static c => Text(c, "type")).ToHashSet(StringComparer.Ordinal);
        foreach (var other in before.OfType<JsonObject>().Where(c => !ours.Contains(Text(c, "type")) && !IsWaypointCondition(c)))
        {
            conditions.Add(other.DeepClone());
        }
    }

    /// <summary>Whether <paramref name="existing"/> (a Service's or ServiceEntry's status) has a waypoint condition.</summary>
    public static bool HasWaypointConditions(JsonNode? existing)
        => (existing as JsonObject)?["conditions"] is JsonArray conditions && conditions.OfType<JsonObject>().Any(IsWaypointCondition);

    private static bool IsWaypointCondition(JsonObject condition) => Text(condition, "type") is { } type && WaypointConditionTypes.Contains(type);

    /// <summary>The <c>controllerName</c>s of the route <c>parents</c> and policy <c>ancestors</c> of <paramref name="status"/>.</summary>
    public static IEnumerable<string> ControllerNames(JsonNode status)
        => EntryLists.SelectMany(list => ((status as JsonObject)?[list] as JsonArray ?? []).OfType<JsonObject>()).Select(static e => Text(e, "controllerName")).OfType<string>();

    /// <summary>
    /// The route <c>parents</c> and policy <c>ancestors</c> of <paramref name="existing"/> without the entries of
    /// <paramref name="ours"/> (controller names); null when <paramref name="existing"/> has none of them.
    /// </summary>
    public static JsonObject? WithoutEntriesOf(JsonNode? existing, IReadOnlySet<string> ours)
    {
        JsonObject? pruned = null;
        foreach (var list in EntryLists)
        {
            if ((existing as JsonObject)?[list] is not JsonArray entries || !entries.OfType<JsonObject>().Any(e => Text(e, "controllerName") is { } name && ours.Contains(name)))
            {
                continue;
            }

            pruned ??= [];
            pruned[list] = new JsonArray([.. entries.OfType<JsonObject>().Where(e => !(Text(e, "controllerName") is { } name && ours.Contains(name))).Select(static e => e.DeepClone())]);
        }

        return pruned;
    }

    /// <summary>Whether writing <paramref name="status"/> as a merge patch would leave <paramref name="existing"/> as it is.</summary>
    public static bool Changes(JsonNode status, JsonNode? existing)
        => !JsonNode.DeepEquals(JsonMergePatch.Apply(existing?.DeepClone(), status), existing);

    private static JsonNode Visit(JsonNode desired, JsonNode? existing, string now)
    {
        switch (desired)
        {
            case JsonObject values:
                foreach (var (name, value) in values.ToList())
                {
                    if (value is null)
                    {
                        continue;
                    }

                    var before = (existing as JsonObject)?[name];
                    if (name == "conditions" && value is JsonArray conditions)
                    {
                        StampConditions(conditions, before as JsonArray, now);
                    }
                    else
                    {
                        Visit(value, before, now);
                    }
                }

                return values;
            case JsonArray entries:
                MatchEntries(entries, existing as JsonArray, now);
                return entries;
            default:
                return desired;
        }
    }

    private static void StampConditions(JsonArray conditions, JsonArray? before, string now)
    {
        foreach (var condition in conditions.OfType<JsonObject>())
        {
            var was = before?.OfType<JsonObject>().FirstOrDefault(old => Text(old, "type") == Text(condition, "type"));
            condition["lastTransitionTime"] = was is not null && Text(was, "status") == Text(condition, "status") && was["lastTransitionTime"] is { } time
                ? time.DeepClone()
                : now;
        }
    }

    private static void MatchEntries(JsonArray entries, JsonArray? before, string now)
    {
        var old = before?.OfType<JsonObject>().ToList() ?? [];
        for (var index = 0; index < entries.Count; index++)
        {
            if (entries[index] is JsonObject entry)
            {
                var identity = Identity(entry);
                var match = identity is null
                    ? before is not null && index < before.Count ? before[index] : null
                    : old.FirstOrDefault(candidate => Identity(candidate) == identity);
                Visit(entry, match, now);
            }
        }

        var ours = entries.OfType<JsonObject>().Select(static entry => Text(entry, "controllerName")).Where(static name => name is not null).ToHashSet(StringComparer.Ordinal);
        if (ours.Count == 0)
        {
            return;
        }

        foreach (var foreign in old.Where(entry => Text(entry, "controllerName") is { } controller && !ours.Contains(controller)))
        {
            entries.Add(foreign.DeepClone());
        }
    }

    /// <summary>What names an entry across writes: a route parent or policy ancestor by controller and reference, a listener by name.</summary>
    private static string? Identity(JsonObject entry)
        => Text(entry, "controllerName") is { } controller
            ? $"{controller}|{(entry["parentRef"] ?? entry["ancestorRef"])?.ToJsonString()}"
            : Text(entry, "name");

    private static string? Text(JsonObject entry, string property)
        => entry[property] is JsonValue value && value.TryGetValue<string>(out var text) ? text : null;
}
