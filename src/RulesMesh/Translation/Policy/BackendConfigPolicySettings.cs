using System.Globalization;
using Envoy.Config.Cluster.V3;
using Envoy.Config.Core.V3;
using Envoy.Extensions.Clusters.Dns.V3;
using Envoy.Extensions.Http.HeaderFormatters.PreserveCase.V3;
using Envoy.Extensions.TransportSockets.ProxyProtocol.V3;
using Envoy.Extensions.TransportSockets.RawBuffer.V3;
using Google.Protobuf.WellKnownTypes;
using k8s.Models;
using RulesMesh.Models.GatewayKgatewayDev.V1alpha1;
using RulesMesh.Translation.Backends;
using UpstreamHttpProtocolOptions = Envoy.Extensions.Upstreams.Http.V3.HttpProtocolOptions;

namespace RulesMesh.Translation.Policy;

/// <summary>
/// Writes a merged BackendConfigPolicy spec into a backend's cluster (docs/spec/kgateway-backendconfigpolicy.md §2).
/// Usable by any code that builds a cluster for a backend (<see cref="Apply"/>). Durations convert exactly; times of the
/// TCP keepalive become whole seconds.
/// </summary>
internal static class BackendConfigPolicySettings
{
    private const string DnsClusterName = "envoy.clusters.dns";
    private const string PreserveCaseFormatterName = "envoy.http.stateful_header_formatters.preserve_case";
    private const string ProxyProtocolSocketName = "envoy.transport_sockets.upstream_proxy_protocol";
    private const string RawBufferSocketName = "envoy.transport_sockets.raw_buffer";

    /// <summary>
    /// Applies <paramref name="spec"/> to <paramref name="cluster"/>. Settings Envoy cannot take for this cluster (HTTP/1
    /// options on an HTTP/2 backend, HTTP/2 options on another, <c>dns</c> on a cluster that does not resolve through
    /// DNS) and the few load-balancing settings the Envoy API RulesMesh compiles has no field for are left out with a
    /// warning about the policy whose field it is (<paramref name="warnings"/>); kgateway logs the first group and never reports it in status.
    /// <paramref name="tlsOwner"/> and <paramref name="loadBalancerOwner"/> are the policies whose <c>tls</c> and
    /// <c>loadBalancer</c> won the merge.
    /// </summary>
    public static void Apply(Cluster cluster, BackendConfigPolicySpec spec, BackendConfigPolicy? tlsOwner, BackendConfigPolicy? loadBalancerOwner, TranslationContext context, BackendConfigWarnings warnings)
    {
        ArgumentNullException.ThrowIfNull(cluster);
        ArgumentNullException.ThrowIfNull(spec);
        if (Duration(spec.ConnectTimeout) is { } connectTimeout)
        {
            if (IsPositive(connectTimeout))
            {
                cluster.ConnectTimeout = connectTimeout;
            }
            else
            {
                warnings.At("spec.connectTimeout", static s => s.ConnectTimeout, $"spec.connectTimeout {spec.ConnectTimeout} is not above zero, which Envoy requires; it is ignored");
            }
        }

        if (spec.PerConnectionBufferLimitBytes is { } limit)
        {
            cluster.PerConnectionBufferLimitBytes = (uint)limit;
        }

        if (spec.TcpKeepalive is { } keepalive)
        {
            var tcp = new TcpKeepalive();
            if (keepalive.KeepAliveProbes is { } probes)
            {
                tcp.KeepaliveProbes = (uint)probes;
            }

            if (Duration(keepalive.KeepAliveTime) is { } time)
            {
                tcp.KeepaliveTime = (uint)Math.Min(time.Seconds, uint.MaxValue);
            }

            if (Duration(keepalive.KeepAliveInterval) is { } interval)
            {
                tcp.KeepaliveInterval = (uint)Math.Min(interval.Seconds, uint.MaxValue);
            }

            cluster.UpstreamConnectionOptions = new UpstreamConnectionOptions { TcpKeepalive = tcp };
        }

        ApplyHttpOptions(cluster, spec, warnings);
        if (spec.Tls is { } tls && tlsOwner is not null && BackendConfigTls.Material(tlsOwner, tls, context, out _) is { } material)
        {
            var socket = BackendConfigTls.TransportSocket(tls, material);
            cluster.TransportSocket = InternalUpstreamSockets.Within(cluster.TransportSocket, _ => socket);
        }

        if (spec.UpstreamProxyProtocol is { } proxyProtocol)
        {
            cluster.TransportSocket = InternalUpstreamSockets.Within(cluster.TransportSocket, inner => UpstreamProxyProtocol(proxyProtocol, inner));
        }

        if (spec.LoadBalancer is { } loadBalancer && loadBalancerOwner is not null)
        {
            BackendConfigLoadBalancer.Apply(cluster, loadBalancer, loadBalancerOwner, warnings);
        }

        if (spec.HealthCheck is { } healthCheck)
        {
            if (HealthCheckProblem(healthCheck) is { } found)
            {
                warnings.At($"spec.healthCheck.{found.Field}", static s => s.HealthCheck, $"spec.healthCheck: {found.Problem}; Envoy would refuse it, so the health check is ignored");
            }
            else
            {
                cluster.HealthChecks.Clear();
                cluster.HealthChecks.Add(HealthCheck(healthCheck));
            }
        }

        if (spec.OutlierDetection is { } outlier)
        {
            // The CRD's defaults, which the API server fills in (5, 10s, 30s, 10).
            cluster.OutlierDetection = new OutlierDetection
            {
                Consecutive5Xx = (uint)(outlier.Consecutive5xx ?? 5),
                Interval = Duration(outlier.Interval ?? "10s"),
                BaseEjectionTime = Duration(outlier.BaseEjectionTime ?? "30s"),
                MaxEjectionPercent = (uint)(outlier.MaxEjectionPercent ?? 10),
            };
        }

        if (spec.CircuitBreakers is { } breakers)
        {
            var threshold = new CircuitBreakers.Types.Thresholds { Priority = RoutingPriority.Default };
            if (breakers.MaxConnections is { } connections)
            {
                threshold.MaxConnections = (uint)connections;
            }

            if (breakers.MaxPendingRequests is { } pending)
            {
                threshold.MaxPendingRequests = (uint)pending;
            }

            if (breakers.MaxRequests is { } requests)
            {
                threshold.MaxRequests = (uint)requests;
            }

            if (breakers.MaxRetries is { } retries)
            {
                threshold.MaxRetries = (uint)retries;
            }

            threshold.TrackRemaining = breakers.TrackRemaining ?? false;
            cluster.CircuitBreakers = new CircuitBreakers();
            cluster.CircuitBreakers.Thresholds.Add(threshold);
        }

        if (spec.Dns is { } dns)
        {
            ApplyDns(cluster, dns, warnings);
        }
    }

    /// <summary>
    /// The upstream HTTP protocol options, read, changed and written back (§2): common options first (HTTP/1 made
    /// explicit when no protocol was chosen yet), then HTTP/1 options unless the backend speaks HTTP/2, then HTTP/2
    /// options only if it does.
    /// </summary>
    private static void ApplyHttpOptions(Cluster cluster, BackendConfigPolicySpec spec, BackendConfigWarnings warnings)
    {
        if (spec.CommonHttpProtocolOptions is null && spec.Http1ProtocolOptions is null && spec.Http2ProtocolOptions is null)
        {
            return;
        }

        var options = cluster.TypedExtensionProtocolOptions.TryGetValue(ClusterDefaults.HttpProtocolOptionsKey, out var packed)
            ? packed.Unpack<UpstreamHttpProtocolOptions>()
            : new UpstreamHttpProtocolOptions();
        var http2 = options.ExplicitHttpConfig?.Http2ProtocolOptions is not null;
        var changed = false;
        if (spec.CommonHttpProtocolOptions is { } common)
        {
            var commonOptions = new HttpProtocolOptions
            {
                IdleTimeout = Duration(common.IdleTimeout),
                MaxStreamDuration = Duration(common.MaxStreamDuration),
            };
            if (common.MaxHeadersCount is > 0 and var headers)
            {
                commonOptions.MaxHeadersCount = (uint)headers;
            }
            else if (common.MaxHeadersCount == 0)
            {
                // The CRD takes 0; Envoy refuses the whole cluster for it (max_headers_count: gte 1).
                warnings.At("spec.commonHttpProtocolOptions.maxHeadersCount", static s => s.CommonHttpProtocolOptions, "spec.commonHttpProtocolOptions.maxHeadersCount 0 is refused by Envoy, which needs at least 1; it is left out, so Envoy's default (100) applies");
            }

            if (common.MaxRequestsPerConnection is { } requests)
            {
                commonOptions.MaxRequestsPerConnection = (uint)requests;
            }

            options.CommonHttpProtocolOptions = commonOptions;
            changed = true;
            if (options.UpstreamProtocolOptionsCase == UpstreamHttpProtocolOptions.UpstreamProtocolOptionsOneofCase.None)
            {
                options.ExplicitHttpConfig = new UpstreamHttpProtocolOptions.Types.ExplicitHttpConfig { HttpProtocolOptions = new Http1ProtocolOptions() };
            }
        }

        if (spec.Http1ProtocolOptions is { } http1)
        {
            if (http2)
            {
                warnings.At("spec.http1ProtocolOptions", static s => s.Http1ProtocolOptions, $"spec.http1ProtocolOptions do not apply to {cluster.Name}, whose backend speaks HTTP/2; they are ignored");
            }
            else
            {
                var http1Options = new Http1ProtocolOptions { EnableTrailers = http1.EnableTrailers ?? false };
                if (http1.OverrideStreamErrorOnInvalidHttpMessage is { } overrideError)
                {
                    http1Options.OverrideStreamErrorOnInvalidHttpMessage = overrideError;
                }

                if (http1.PreserveHttp1HeaderCase == true)
                {
                    http1Options.HeaderKeyFormat = new Http1ProtocolOptions.Types.HeaderKeyFormat
                    {
                        StatefulFormatter = new TypedExtensionConfig { Name = PreserveCaseFormatterName, TypedConfig = Any.Pack(new PreserveCaseFormatterConfig()) },
                    };
                }

                options.ExplicitHttpConfig = new UpstreamHttpProtocolOptions.Types.ExplicitHttpConfig { HttpProtocolOptions = http1Options };
                changed = true;
            }
        }

        if (spec.Http2ProtocolOptions is { } h2)
        {
            if (!http2)
            {
                warnings.At("spec.http2ProtocolOptions", static s => s.Http2ProtocolOptions, $"spec.http2ProtocolOptions do not apply to {cluster.Name}, whose backend does not speak HTTP/2; they are ignored");
            }
            else
            {
                var http2Options = new Http2ProtocolOptions();
                if (h2.MaxConcurrentStreams is { } streams)
                {
                    http2Options.MaxConcurrentStreams = (uint)streams;
                }

                if (WindowSize(h2.InitialStreamWindowSize, "initialStreamWindowSize", warnings) is { } streamWindow)
                {
                    http2Options.InitialStreamWindowSize = streamWindow;
                }

                if (WindowSize(h2.InitialConnectionWindowSize, "initialConnectionWindowSize", warnings) is { } connectionWindow)
                {
                    http2Options.InitialConnectionWindowSize = connectionWindow;
                }

                if (h2.OverrideStreamErrorOnInvalidHttpMessage is { } overrideError)
                {
                    http2Options.OverrideStreamErrorOnInvalidHttpMessage = overrideError;
                }

                if (h2.ConnectionKeepalive is { } keepalive)
                {
                    http2Options.ConnectionKeepalive = new KeepaliveSettings
                    {
                        Timeout = Duration(keepalive.Timeout),
                        Interval = Duration(keepalive.Interval),
                        ConnectionIdleInterval = Duration(keepalive.ConnectionIdleInterval),
                    };
                }

                options.ExplicitHttpConfig = new UpstreamHttpProtocolOptions.Types.ExplicitHttpConfig { Http2ProtocolOptions = http2Options };
                changed = true;
            }
        }

        if (changed)
        {
            cluster.TypedExtensionProtocolOptions[ClusterDefaults.HttpProtocolOptionsKey] = Any.Pack(options);
        }
    }

    /// <summary>
    /// The PROXY protocol transport socket (§2): it wraps the socket the cluster has (the policy's TLS, which is applied
    /// first), or a plain raw buffer.
    /// </summary>
    private static TransportSocket UpstreamProxyProtocol(BackendConfigPolicyUpstreamProxyProtocol spec, TransportSocket? inner)
    {
        var transport = new ProxyProtocolUpstreamTransport
        {
            Config = new ProxyProtocolConfig { Version = spec.Version == "V2" ? ProxyProtocolConfig.Types.Version.V2 : ProxyProtocolConfig.Types.Version.V1 },
            TransportSocket = inner ?? new TransportSocket { Name = RawBufferSocketName, TypedConfig = Any.Pack(new RawBuffer()) },
        };
        return new TransportSocket { Name = ProxyProtocolSocketName, TypedConfig = Any.Pack(transport) };
    }

    /// <summary>
    /// <paramref name="socket"/> in place of the cluster's <paramref name="current"/> one, kept inside the PROXY protocol
    /// socket when a policy's <c>upstreamProxyProtocol</c> set one (§2: BackendTLSPolicy re-wraps inside it).
    /// </summary>
    internal static TransportSocket InsideProxyProtocol(TransportSocket? current, TransportSocket socket)
    {
        if (current is not { Name: ProxyProtocolSocketName })
        {
            return socket;
        }

        var transport = current.TypedConfig.Unpack<ProxyProtocolUpstreamTransport>();
        transport.TransportSocket = socket;
        return new TransportSocket { Name = ProxyProtocolSocketName, TypedConfig = Any.Pack(transport) };
    }

    private static void ApplyDns(Cluster cluster, BackendConfigPolicyDns dns, BackendConfigWarnings warnings)
    {
        if (cluster.ClusterType is not { Name: DnsClusterName } custom)
        {
            warnings.At("spec.dns", static s => s.Dns, $"spec.dns applies only to clusters that resolve through DNS; {cluster.Name} does not, so it is ignored");
            return;
        }

        var config = custom.TypedConfig.Unpack<DnsCluster>();
        if (Duration(dns.RefreshRate) is { } refresh)
        {
            config.DnsRefreshRate = refresh;
        }

        if (Duration(dns.Jitter) is { } jitter)
        {
            config.DnsJitter = jitter;
        }

        if (dns.RespectTTL is { } respect)
        {
            config.RespectDnsTtl = respect;
        }

        custom.TypedConfig = Any.Pack(config);
    }

    /// <summary>
    /// What Envoy would refuse in a health check: a timeout or interval not above zero, an empty HTTP path, a path, host or
    /// gRPC authority with a character no header value may hold (NUL, CR, LF).
    /// </summary>
    private static (string Field, string Problem)? HealthCheckProblem(BackendConfigPolicyHealthCheck spec)
    {
        foreach (var (field, text) in new[] { ("timeout", spec.Timeout), ("interval", spec.Interval) })
        {
            if (Duration(text) is { } duration && !IsPositive(duration))
            {
                return (field, $"{field} {text} is not above zero");
            }
        }

        if (spec.Http is { } http && string.IsNullOrEmpty(http.Path))
        {
            return ("http.path", "http.path is empty");
        }

        foreach (var (field, value) in new[] { ("http.path", spec.Http?.Path), ("http.host", spec.Http?.Host), ("grpc.authority", spec.Grpc?.Authority) })
        {
            if (value is not null && EnvoyValues.HeaderValueProblem(value) is { } problem)
            {
                return (field, $"{field} {problem}");
            }
        }

        return null;
    }

    /// <summary>An HTTP/2 flow-control window of <paramref name="value"/> bytes, or null (with a warning) outside Envoy's 65535 to 2147483647.</summary>
    private static uint? WindowSize(IntOrString? value, string field, BackendConfigWarnings warnings)
    {
        if (Quantity(value) is not { } bytes)
        {
            return null;
        }

        if (bytes is >= 65_535 and <= int.MaxValue)
        {
            return bytes;
        }

        warnings.At($"spec.http2ProtocolOptions.{field}", static s => s.Http2ProtocolOptions, string.Create(CultureInfo.InvariantCulture, $"spec.http2ProtocolOptions.{field} {value!.Value} is {bytes} bytes, outside Envoy's 65535 to 2147483647; it is ignored"));
        return null;
    }

    private static bool IsPositive(Duration duration) => duration.Seconds > 0 || (duration.Seconds == 0 && duration.Nanos > 0);

    private static HealthCheck HealthCheck(BackendConfigPolicyHealthCheck spec)
    {
        var check = new HealthCheck
        {
            Timeout = Duration(spec.Timeout),
            Interval = Duration(spec.Interval),
            UnhealthyThreshold = (uint)spec.UnhealthyThreshold,
            HealthyThreshold = (uint)spec.HealthyThreshold,
        };
        if (spec.Http is { } http)
        {
            check.HttpHealthCheck = new HealthCheck.Types.HttpHealthCheck
            {
                Path = http.Path,
                Host = http.Host ?? string.Empty,
                Method = http.Method?.Value is { } method && System.Enum.TryParse<RequestMethod>(method, ignoreCase: true, out var parsed) ? parsed : RequestMethod.MethodUnspecified,
            };
        }
        else if (spec.Grpc is { } grpc)
        {
            check.GrpcHealthCheck = new HealthCheck.Types.GrpcHealthCheck { ServiceName = grpc.ServiceName ?? string.Empty, Authority = grpc.Authority ?? string.Empty };
        }

        return check;
    }

    /// <summary>
    /// A Kubernetes quantity as a whole number of bytes (<c>64Ki</c> is 65536), a fraction rounded up as Kubernetes'
    /// <c>Value()</c> rounds it (<c>65534.5</c> is 65535); null when unset or unreadable.
    /// </summary>
    internal static uint? Quantity(IntOrString? value)
    {
        if (value?.Value is not { Length: > 0 } text)
        {
            return null;
        }

        try
        {
            var bytes = decimal.Ceiling(new ResourceQuantity(text).ToDecimal());
            return bytes is >= 0 and <= uint.MaxValue ? (uint)bytes : null;
        }
        catch (FormatException)
        {
            return null;
        }
    }

    private static Duration? Duration(string? text) => text is null ? null : GoDuration.Parse(text);
}
