using RulesMesh.Mesh;

namespace RulesMesh.Translation.Routes;

/// <summary>
/// The parts of one route that translation dropped because Envoy would refuse them: each is a warning naming the route
/// and the field, and together they set the route's status for its parent (see <see cref="RouteStatusWriter"/>).
/// </summary>
internal sealed class RouteProblems(ObjectKey route, TranslationContext context)
{
    private string? _first;

    /// <summary>Warns that <paramref name="field"/> has <paramref name="problem"/>, and what was done (<paramref name="consequence"/>).</summary>
    public void Drop(string field, string problem, string consequence)
    {
        var message = $"{field}: {problem}; {consequence}";
        _first ??= message;
        context.Warn(route, field, message);
    }

    /// <summary>Records the problems, if any, on the status of <paramref name="route"/>'s parent; <paramref name="nothingLeft"/>: no rule of the route survived.</summary>
    public void Report(AttachedRoute route, bool nothingLeft)
    {
        if (_first is not null)
        {
            RouteStatusCollector.For(context).Invalid(route.Key, route.Parent, _first, nothingLeft);
        }
    }
}
