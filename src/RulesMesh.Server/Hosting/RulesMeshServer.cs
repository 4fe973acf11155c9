using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Connections.Features;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using RulesMesh.Server.Control;
using RulesMesh.Server.Operations;
using RulesMesh.Server.Xds;

namespace RulesMesh.Server.Hosting;

/// <summary>
/// <c>rulesmesh serve</c>'s web host: one ASP.NET Core app with two Kestrel endpoints, the xDS service (HTTP/2 only;
/// cleartext, or TLS when <see cref="ServeOptions.TlsCertificateFile"/> is given) and the admin endpoints (HTTP/1.1).
/// The caller composes what it serves (the control plane and its sources) and owns their lifetimes.
/// </summary>
public sealed class RulesMeshServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly List<ListenOptions> _xdsListeners = [];
    private readonly List<ListenOptions> _adminListeners = [];
    private bool _started;

    /// <summary>Builds the host; nothing listens before <see cref="StartAsync"/>.</summary>
    /// <param name="options">Endpoints, TLS and drain timeout.</param>
    /// <param name="snapshots">What proxies are served.</param>
    /// <param name="status">What <c>/readyz</c> and <c>/debug/sources</c> show.</param>
    /// <param name="metrics">What <c>/metrics</c> serves; the xDS service counts into it.</param>
    /// <param name="loggerFactory">Where the server logs (the caller's; not disposed here).</param>
    /// <exception cref="ArgumentException">Only one of the TLS certificate and key files is given, or they cannot be read.</exception>
    public RulesMeshServer(ServeOptions options, IProxySnapshotSource snapshots, IControlPlaneStatus status, ServerMetrics metrics, ILoggerFactory loggerFactory)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(snapshots);
        ArgumentNullException.ThrowIfNull(status);
        ArgumentNullException.ThrowIfNull(metrics);
        ArgumentNullException.ThrowIfNull(loggerFactory);
        var certificate = CertificateOf(options);

        // The empty builder reads no appsettings.json nor environment: the endpoints are exactly the options'.
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions { ApplicationName = typeof(RulesMeshServer).Assembly.GetName().Name });
        builder.WebHost.UseKestrelCore().UseKestrelHttpsConfiguration();
        builder.Services.AddLogging();
        builder.Services.AddSingleton<ILoggerFactory>(new QuietBindFailureLoggerFactory(loggerFactory));
        builder.Services.AddSingleton(snapshots);
        builder.Services.AddSingleton(status);
        builder.Services.AddSingleton(metrics);
        builder.Services.AddRulesMeshXds();
        builder.Services.Configure<HostOptions>(host => host.ShutdownTimeout = options.DrainTimeout);
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.Listen(options.XdsEndpoint, listen =>
            {
                listen.Protocols = HttpProtocols.Http2;
                Mark(listen, ListenerKind.Xds);
                if (certificate is not null)
                {
                    listen.UseHttps(certificate);
                }

                _xdsListeners.Add(listen);
            });
            kestrel.Listen(options.AdminEndpoint, listen =>
            {
                listen.Protocols = HttpProtocols.Http1;
                Mark(listen, ListenerKind.Admin);
                _adminListeners.Add(listen);
            });
        });

        _app = builder.Build();
        _app.UseRouting();
        _app.Use(static (context, next) =>
        {
            // Admin paths only on the admin listener, the xDS service only on the xDS listener: anything else is a 404.
            var onAdmin = context.Features.Get<IConnectionItemsFeature>()?.Items.TryGetValue(typeof(ListenerKind), out var kind) == true && kind is ListenerKind.Admin;
            var isAdmin = context.GetEndpoint()?.Metadata.GetMetadata<AdminEndpointMetadata>() is not null;
            if (onAdmin != isAdmin)
            {
                context.SetEndpoint(null);
            }

            return next(context);
        });
        _app.MapRulesMeshXds();
        Proxies = _app.Services.GetRequiredService<IProxyStatusView>();
        AdminEndpoints.Map(_app, status, Proxies, metrics);
    }

    /// <summary>The connected proxies (what <c>/debug/proxies</c> shows).</summary>
    public IProxyStatusView Proxies { get; }

    /// <summary>The address the xDS endpoint is bound to (its free port when 0 was asked for); known once started.</summary>
    public IPEndPoint XdsEndpoint => BoundEndpoint(_xdsListeners);

    /// <summary>The address the admin endpoint is bound to; known once started.</summary>
    public IPEndPoint AdminEndpoint => BoundEndpoint(_adminListeners);

    /// <summary>The line <c>rulesmesh serve</c> prints once listening: <c>xds listening on …; admin on …</c>.</summary>
    public string ListeningLine => $"xds listening on {XdsEndpoint}; admin on {AdminEndpoint}";

    /// <summary>Binds both endpoints and starts serving.</summary>
    /// <exception cref="IOException">An endpoint cannot be bound (the address is in use, or not one of this host's).</exception>
    public async Task StartAsync(CancellationToken cancellationToken = default)
    {
        try
        {
            await _app.StartAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (SocketException exception)
        {
            // Kestrel turns only "address in use" into an IOException; any other bind failure is as much the caller's to report.
            throw new IOException($"Failed to bind: {exception.Message}.", exception);
        }

        _started = true;
    }

    /// <summary>
    /// Drains: stops accepting connections, ends open ADS streams cleanly (proxies reconnect elsewhere), and waits up to
    /// <see cref="ServeOptions.DrainTimeout"/> for requests in flight.
    /// </summary>
    public Task StopAsync(CancellationToken cancellationToken = default) => _app.StopAsync(cancellationToken);

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        if (_started)
        {
            await _app.StopAsync().ConfigureAwait(false);
        }

        await _app.DisposeAsync().ConfigureAwait(false);
    }

    private IPEndPoint BoundEndpoint(List<ListenOptions> listeners)
        => _started && listeners is [{ IPEndPoint: { } bound }]
            ? bound
            : throw new InvalidOperationException("The server is not started: its endpoints are bound by StartAsync.");

    private static void Mark(ListenOptions listen, ListenerKind kind)
        => listen.Use(next => connection =>
        {
            connection.Items[typeof(ListenerKind)] = kind;
            return next(connection);
        });

    private static X509Certificate2? CertificateOf(ServeOptions options)
    {
        if (options.TlsCertificateFile is null && options.TlsKeyFile is null)
        {
            return null;
        }

        if (options.TlsCertificateFile is null || options.TlsKeyFile is null)
        {
            throw new ArgumentException("TLS needs both a certificate file and a key file (--tls-cert and --tls-key).", nameof(options));
        }

        try
        {
            return X509Certificate2.CreateFromPemFile(options.TlsCertificateFile, options.TlsKeyFile);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException or CryptographicException or ArgumentException)
        {
            throw new ArgumentException($"Cannot read the TLS certificate '{options.TlsCertificateFile}' with the key '{options.TlsKeyFile}': {exception.Message}", nameof(options), exception);
        }
    }
}
