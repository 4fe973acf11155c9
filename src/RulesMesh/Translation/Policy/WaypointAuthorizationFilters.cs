using RulesMesh.Mesh;

namespace RulesMesh.Translation.Policy;

/// <summary>
/// The RBAC filters a waypoint's own policies build, with the warnings building them gave. Every service on the
/// waypoint that no policy targets by itself gets exactly these, so they are derived once per waypoint
/// (<see cref="TranslationContext.Derive{TKey, TValue}"/>) instead of once per service; each chain replays the warnings
/// into its own context, so they are reported where and in the order they were when each chain built its own.
/// </summary>
/// <typeparam name="TFilter">An HTTP or a network filter.</typeparam>
/// <param name="Filters">The filters; shared between chains as they are (built messages are not changed afterwards).</param>
/// <param name="Warnings">What building them reported, in order.</param>
internal sealed record WaypointAuthorizationFilters<TFilter>(IReadOnlyList<TFilter> Filters, IReadOnlyList<TranslationWarning> Warnings)
{
    /// <summary>
    /// The filters for <paramref name="request"/>: the waypoint's shared ones when no policy targets the service, else
    /// built from the waypoint's and the service's policies together.
    /// </summary>
    public static IReadOnlyList<TFilter> For(
        PolicyRequest request,
        TranslationContext context,
        Func<TranslationContext, NamespacedName, WaypointAuthorizationFilters<TFilter>> shared,
        Func<IReadOnlyList<AuthorizationPolicyEntry>, Action<TranslationWarning>, IReadOnlyList<TFilter>> build)
    {
        var index = AuthorizationPolicyIndex.For(context);
        if (index.TargetsService(request.Service))
        {
            var policies = index.For(request.Waypoint.Name, request.Service);
            return build(policies, context.Warn);
        }

        var filters = context.Derive(request.Waypoint.Name, shared);
        foreach (var warning in filters.Warnings)
        {
            context.Warn(warning);
        }

        return filters.Filters;
    }

    /// <summary>The filters the policies of <paramref name="waypoint"/> alone build.</summary>
    public static WaypointAuthorizationFilters<TFilter> OfWaypoint(
        TranslationContext context,
        NamespacedName waypoint,
        Func<IReadOnlyList<AuthorizationPolicyEntry>, Action<TranslationWarning>, IReadOnlyList<TFilter>> build)
    {
        var policies = AuthorizationPolicyIndex.For(context).ForGateway(waypoint);
        if (policies.Count == 0)
        {
            return new WaypointAuthorizationFilters<TFilter>([], []);
        }

        var warnings = new List<TranslationWarning>();
        return new WaypointAuthorizationFilters<TFilter>(build(policies, warnings.Add), warnings);
    }
}
