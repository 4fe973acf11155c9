using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using RulesMesh.Server.Operations;

namespace RulesMesh.Server.Xds;

/// <summary>Registers the xDS service in an ASP.NET Core app of your own.</summary>
public static class XdsServiceCollectionExtensions
{
    /// <summary>
    /// Adds gRPC, the <see cref="AggregatedDiscoveryService"/>, and one <see cref="XdsConnections"/> (also the
    /// <see cref="IProxyStatusView"/>), which ends the open streams when the host stops. The app registers an <see cref="IProxySnapshotSource"/> and <see cref="ServerMetrics"/>.
    /// </summary>
    public static IServiceCollection AddRulesMeshXds(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.AddGrpc();
        services.TryAddSingleton(static provider => new XdsConnections(
            provider.GetRequiredService<IProxySnapshotSource>(),
            provider.GetRequiredService<ServerMetrics>(),
            provider.GetRequiredService<ILogger<XdsConnections>>(),
            provider.GetService<TimeProvider>()));
        services.TryAddSingleton<IProxyStatusView>(static provider => provider.GetRequiredService<XdsConnections>());
        services.AddHostedService<XdsDrainService>();
        return services;
    }
}
