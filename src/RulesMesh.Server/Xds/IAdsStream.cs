namespace RulesMesh.Server.Xds;

/// <summary>An open ADS stream as <see cref="XdsConnections"/> sees it, whichever variant it is.</summary>
internal interface IAdsStream
{
    /// <summary>What <c>/debug/proxies</c> shows of it now.</summary>
    ProxyStatus Status { get; }

    /// <summary>The snapshots may have changed.</summary>
    void NotifyChanged();
}
