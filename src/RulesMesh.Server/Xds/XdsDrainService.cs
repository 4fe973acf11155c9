using Microsoft.Extensions.Hosting;

namespace RulesMesh.Server.Xds;

/// <summary>
/// Ends the open ADS streams when the host stops, before the web server stops: the host calls every
/// <see cref="IHostedLifecycleService.StoppingAsync"/> before any hosted service's <see cref="IHostedService.StopAsync"/>,
/// so each stream ends with status OK instead of its connection closing under it.
/// </summary>
internal sealed class XdsDrainService(XdsConnections connections) : IHostedLifecycleService
{
    public Task StoppingAsync(CancellationToken cancellationToken) => connections.DrainAsync(cancellationToken);

    public Task StartingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StartedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppedAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
