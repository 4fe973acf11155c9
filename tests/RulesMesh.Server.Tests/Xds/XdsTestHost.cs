using System.Net;
using Grpc.Core;
using Grpc.Net.Client;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using RulesMesh.Server.Operations;
using RulesMesh.Server.Xds;

namespace RulesMesh.Server.Tests.Xds;

/// <summary>
/// An ASP.NET Core app of the tests' own that hosts the xDS service as a user would (AddRulesMeshXds, MapRulesMeshXds)
/// on Kestrel at 127.0.0.1 on a free port, with a fixed clock, and a gRPC client channel to it.
/// </summary>
internal sealed class XdsTestHost : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly GrpcChannel _channel;

    private XdsTestHost(WebApplication app, GrpcChannel channel, TestSnapshotSource source, ServerMetrics metrics)
    {
        _app = app;
        _channel = channel;
        Source = source;
        Metrics = metrics;
    }

    public TestSnapshotSource Source { get; }

    public ServerMetrics Metrics { get; }

    public IProxyStatusView Proxies => _app.Services.GetRequiredService<IProxyStatusView>();

    public static async Task<XdsTestHost> StartAsync()
    {
        var source = new TestSnapshotSource();
        var metrics = new ServerMetrics(Prometheus.Metrics.NewCustomRegistry());
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions());
        builder.WebHost.UseKestrelCore().ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0, listen => listen.Protocols = HttpProtocols.Http2));
        builder.Services.AddLogging(logging => logging.SetMinimumLevel(LogLevel.Warning));
        builder.Services.AddSingleton<IProxySnapshotSource>(source);
        builder.Services.AddSingleton(metrics);
        builder.Services.AddSingleton<TimeProvider>(new FixedTimeProvider());
        builder.Services.AddRulesMeshXds();
        var app = builder.Build();
        app.MapRulesMeshXds();
        await app.StartAsync();
        var channel = GrpcChannel.ForAddress(app.Urls.Single());
        return new XdsTestHost(app, channel, source, metrics);
    }

    public AdsTestStream<Envoy.Service.Discovery.V3.DiscoveryRequest, Envoy.Service.Discovery.V3.DiscoveryResponse> OpenSotw()
        => new(_channel.CreateCallInvoker().AsyncDuplexStreamingCall(AdsMethods.StreamAggregatedResources, null, new CallOptions()));

    public AdsTestStream<Envoy.Service.Discovery.V3.DeltaDiscoveryRequest, Envoy.Service.Discovery.V3.DeltaDiscoveryResponse> OpenDelta()
        => new(_channel.CreateCallInvoker().AsyncDuplexStreamingCall(AdsMethods.DeltaAggregatedResources, null, new CallOptions()));

    /// <summary>The NACK counter of one type (<c>Cluster</c>, ...).</summary>
    public double Nacks(string type) => Metrics.Nacks.WithLabels(type).Value;

    public async ValueTask DisposeAsync()
    {
        _channel.Dispose();
        await _app.StopAsync();
        await _app.DisposeAsync();
        Source.Dispose();
    }
}
