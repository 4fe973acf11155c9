namespace RulesMesh.Translation.Proxyless;

/// <summary>
/// Which client namespaces see a service (Istio's <c>exportTo</c>): every namespace, none, or the ones listed.
/// </summary>
public sealed record ProxylessVisibility
{
    private readonly IReadOnlySet<string> _namespaces;

    private ProxylessVisibility(bool everywhere, IReadOnlySet<string> namespaces)
    {
        IsEverywhere = everywhere;
        _namespaces = namespaces;
    }

    /// <summary>Seen from every namespace (<c>*</c>, Istio's default).</summary>
    public static ProxylessVisibility Everywhere { get; } = new(true, new HashSet<string>(StringComparer.Ordinal));

    /// <summary>Seen from no namespace (<c>~</c>).</summary>
    public static ProxylessVisibility Nowhere { get; } = new(false, new HashSet<string>(StringComparer.Ordinal));

    /// <summary>Whether every namespace sees it.</summary>
    public bool IsEverywhere { get; }

    /// <summary>The namespaces that see it when not every namespace does, ordinal order.</summary>
    public IReadOnlyList<string> Namespaces => [.. _namespaces.Order(StringComparer.Ordinal)];

    /// <summary>Whether no namespace sees it.</summary>
    public bool IsNowhere => !IsEverywhere && _namespaces.Count == 0;

    /// <summary>Seen from exactly <paramref name="namespaces"/>.</summary>
    public static ProxylessVisibility To(IEnumerable<string> namespaces) => new(false, namespaces.ToHashSet(StringComparer.Ordinal));

    /// <summary>Whether a client in <paramref name="clientNamespace"/> sees it.</summary>
    public bool VisibleTo(string clientNamespace) => IsEverywhere || _namespaces.Contains(clientNamespace);

    /// <inheritdoc />
    public bool Equals(ProxylessVisibility? other)
        => other is not null && IsEverywhere == other.IsEverywhere && _namespaces.SetEquals(other._namespaces);

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(IsEverywhere, _namespaces.Count);
}
