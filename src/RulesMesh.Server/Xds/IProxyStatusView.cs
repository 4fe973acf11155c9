namespace RulesMesh.Server.Xds;

/// <summary>The streams connected now, for <c>/debug/proxies</c>.</summary>
public interface IProxyStatusView
{
    /// <summary>One entry per open stream.</summary>
    IReadOnlyList<ProxyStatus> Proxies { get; }
}
