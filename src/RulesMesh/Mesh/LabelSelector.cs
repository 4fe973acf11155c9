namespace RulesMesh.Mesh;

/// <summary>Equality-based label selection, as Kubernetes and Istio selectors match labels.</summary>
internal static class LabelSelector
{
    /// <summary>Whether every label of <paramref name="selector"/> is in <paramref name="labels"/> with its value (none are in null).</summary>
    public static bool Matches(IReadOnlyDictionary<string, string> selector, IReadOnlyDictionary<string, string>? labels)
    {
        ArgumentNullException.ThrowIfNull(selector);
        if (labels is null)
        {
            return selector.Count == 0;
        }

        foreach (var (key, value) in selector)
        {
            if (!labels.TryGetValue(key, out var actual) || actual != value)
            {
                return false;
            }
        }

        return true;
    }
}
