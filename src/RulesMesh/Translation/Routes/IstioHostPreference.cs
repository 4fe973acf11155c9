using RulesMesh.Translation.Backends;

namespace RulesMesh.Translation.Routes;

/// <summary>
/// Which of several backends serving one host istiod takes: a Kubernetes Service over a ServiceEntry (anti-squatting),
/// then the oldest, then the smallest resource name.
/// </summary>
internal sealed class IstioHostPreference : IComparer<BackendObject>
{
    public static IstioHostPreference Instance { get; } = new();

    /// <inheritdoc />
    public int Compare(BackendObject? x, BackendObject? y)
    {
        if (ReferenceEquals(x, y) || x is null || y is null)
        {
            return ReferenceEquals(x, y) ? 0 : x is null ? -1 : 1;
        }

        var byKind = KindRank(x).CompareTo(KindRank(y));
        if (byKind != 0)
        {
            return byKind;
        }

        var byAge = (x.CreationTimestamp ?? DateTime.MinValue).CompareTo(y.CreationTimestamp ?? DateTime.MinValue);
        return byAge != 0 ? byAge : string.CompareOrdinal(x.ResourceName, y.ResourceName);
    }

    private static int KindRank(BackendObject backend) => backend.Key.Group.Length == 0 && backend.Key.Kind == BackendRefs.ServiceKind ? 0 : 1;
}
