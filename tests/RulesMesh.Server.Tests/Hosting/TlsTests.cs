using System.Net;
using System.Net.Security;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Grpc.Core;
using Grpc.Net.Client;
using Microsoft.Extensions.Logging.Abstractions;
using RulesMesh.Server.Hosting;
using RulesMesh.Server.Operations;
using RulesMesh.Server.Tests.Xds;
using RulesMesh.Server.Xds;
using static RulesMesh.Server.Tests.Xds.TestResources;

namespace RulesMesh.Server.Tests.Hosting;

/// <summary>The xDS endpoint with <c>--tls-cert</c>/<c>--tls-key</c>: PEM files of a certificate made by the test.</summary>
public sealed class TlsTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("rulesmesh-tls-").FullName;

    [Fact]
    public async Task With_a_certificate_and_key_the_xDS_endpoint_serves_TLS()
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest("CN=rulesmesh-test", key, HashAlgorithmName.SHA256);
        var names = new SubjectAlternativeNameBuilder();
        names.AddIpAddress(IPAddress.Loopback);
        request.CertificateExtensions.Add(names.Build());
        using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(1));
        var certificateFile = Path.Combine(_folder, "tls.crt");
        var keyFile = Path.Combine(_folder, "tls.key");
        await File.WriteAllTextAsync(certificateFile, certificate.ExportCertificatePem());
        await File.WriteAllTextAsync(keyFile, key.ExportPkcs8PrivateKeyPem());

        using var source = new TestSnapshotSource();
        var cluster = Cluster("kube_default_a_80");
        source.Set(WaypointA, Set(cluster));
        var options = new ServeOptions
        {
            XdsEndpoint = new IPEndPoint(IPAddress.Loopback, 0),
            AdminEndpoint = new IPEndPoint(IPAddress.Loopback, 0),
            TlsCertificateFile = certificateFile,
            TlsKeyFile = keyFile,
        };
        await using var server = new RulesMeshServer(options, source, new TestControlPlaneStatus(), new ServerMetrics(Prometheus.Metrics.NewCustomRegistry()), NullLoggerFactory.Instance);
        await server.StartAsync();

        var handler = new SocketsHttpHandler
        {
            SslOptions = new SslClientAuthenticationOptions
            {
                RemoteCertificateValidationCallback = (_, presented, _, _) => presented?.GetCertHashString() == certificate.GetCertHashString(),
            },
        };
        using var channel = GrpcChannel.ForAddress($"https://{server.XdsEndpoint}", new GrpcChannelOptions { HttpHandler = handler });
        await using var stream = new AdsTestStream<Envoy.Service.Discovery.V3.DiscoveryRequest, Envoy.Service.Discovery.V3.DiscoveryResponse>(
            channel.CreateCallInvoker().AsyncDuplexStreamingCall(AdsMethods.StreamAggregatedResources, null, new CallOptions()));
        await stream.SendAsync(Request(ClusterType, NodeOf(WaypointA)));

        Assert.Equal(Sotw(ClusterType, "1", cluster), await stream.NextAsync());
    }

    [Fact]
    public void A_certificate_without_its_key_is_refused()
    {
        using var source = new TestSnapshotSource();
        var options = new ServeOptions { TlsCertificateFile = Path.Combine(_folder, "tls.crt") };

        var error = Assert.Throws<ArgumentException>(() => new RulesMeshServer(options, source, new TestControlPlaneStatus(), new ServerMetrics(Prometheus.Metrics.NewCustomRegistry()), NullLoggerFactory.Instance));

        Assert.Equal("TLS needs both a certificate file and a key file (--tls-cert and --tls-key). (Parameter 'options')", error.Message);
    }

    [Fact]
    public void An_unreadable_certificate_is_refused_naming_both_files()
    {
        using var source = new TestSnapshotSource();
        var certificateFile = Path.Combine(_folder, "missing.crt");
        var keyFile = Path.Combine(_folder, "missing.key");
        var options = new ServeOptions { TlsCertificateFile = certificateFile, TlsKeyFile = keyFile };

        var error = Assert.Throws<ArgumentException>(() => new RulesMeshServer(options, source, new TestControlPlaneStatus(), new ServerMetrics(Prometheus.Metrics.NewCustomRegistry()), NullLoggerFactory.Instance));

        Assert.StartsWith($"Cannot read the TLS certificate '{certificateFile}' with the key '{keyFile}': ", error.Message);
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);
}
