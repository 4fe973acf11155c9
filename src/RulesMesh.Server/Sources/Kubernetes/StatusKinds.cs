namespace RulesMesh.Server.Sources.Kubernetes;

/// <summary>The kinds whose status the engine computes (<see cref="Engine.StatusMaps"/>) and the source writes back.</summary>
public static class StatusKinds
{
    /// <summary>
    /// Group and kind of each: Gateway, HTTPRoute, GRPCRoute, TCPRoute and TLSRoute statuses, those of kgateway's
    /// BackendConfigPolicies, and the waypoint conditions of Services and ServiceEntries (the istio profile's; other
    /// profiles write none).
    /// </summary>
    public static IReadOnlyList<(string Group, string Kind)> Written { get; } =
    [
        ("gateway.networking.k8s.io", "Gateway"),
        ("gateway.networking.k8s.io", "HTTPRoute"),
        ("gateway.networking.k8s.io", "GRPCRoute"),
        ("gateway.networking.k8s.io", "TCPRoute"),
        ("gateway.networking.k8s.io", "TLSRoute"),
        ("gateway.kgateway.dev", "BackendConfigPolicy"),
        ("", "Service"),
        ("networking.istio.io", "ServiceEntry"),
    ];

    /// <summary>Those of <paramref name="watched"/> whose status is written.</summary>
    public static IReadOnlyList<WatchedKind> In(IReadOnlyList<WatchedKind> watched)
    {
        ArgumentNullException.ThrowIfNull(watched);
        return [.. watched.Where(static kind => Written.Contains((kind.Group, kind.Kind)))];
    }
}
