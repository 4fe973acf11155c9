using System.Globalization;
using System.Net;

namespace RulesMesh.Server.Hosting;

/// <summary>Where and how <see cref="RulesMeshServer"/> listens.</summary>
public sealed record ServeOptions
{
    /// <summary>kgateway's xDS port, the default of <see cref="XdsEndpoint"/>.</summary>
    public const int DefaultXdsPort = 9977;

    /// <summary>The default port of <see cref="AdminEndpoint"/>.</summary>
    public const int DefaultAdminPort = 9092;

    /// <summary>The xDS gRPC endpoint (HTTP/2): <c>0.0.0.0:9977</c> by default; port 0 picks a free port.</summary>
    public IPEndPoint XdsEndpoint { get; init; } = new(IPAddress.Any, DefaultXdsPort);

    /// <summary>Health, readiness, metrics and debug (HTTP/1.1): <c>127.0.0.1:9092</c> by default; port 0 picks a free port.</summary>
    public IPEndPoint AdminEndpoint { get; init; } = new(IPAddress.Loopback, DefaultAdminPort);

    /// <summary>A PEM certificate (chain) file: the xDS endpoint serves TLS with it. Give it with <see cref="TlsKeyFile"/>, or neither.</summary>
    public string? TlsCertificateFile { get; init; }

    /// <summary>The PEM private key file of <see cref="TlsCertificateFile"/>.</summary>
    public string? TlsKeyFile { get; init; }

    /// <summary>How long stopping may take: open streams are ended at once, requests in flight get this long.</summary>
    public TimeSpan DrainTimeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// Parses <c>host:port</c> as <c>--listen</c> and <c>--admin</c> take it: the host is an IP address (IPv6 in brackets,
    /// <c>[::]:9977</c>), <c>localhost</c> (the IPv4 loopback), or <c>*</c> (every IPv4 address); the port is 0 to 65535.
    /// </summary>
    /// <exception cref="FormatException">The text is not of that form; the message says what is wrong.</exception>
    public static IPEndPoint ParseEndpoint(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var colon = text.LastIndexOf(':');
        if (colon <= 0 || colon == text.Length - 1)
        {
            throw new FormatException($"'{text}' is not of the form host:port (for example 0.0.0.0:{DefaultXdsPort}, 127.0.0.1:0 or [::1]:{DefaultAdminPort}).");
        }

        var host = text[..colon];
        var portText = text[(colon + 1)..];
        if (!int.TryParse(portText, NumberStyles.None, CultureInfo.InvariantCulture, out var port) || port > IPEndPoint.MaxPort)
        {
            throw new FormatException($"'{text}': the port '{portText}' is not a whole number from 0 to {IPEndPoint.MaxPort}.");
        }

        var address = host switch
        {
            "localhost" => IPAddress.Loopback,
            "*" => IPAddress.Any,
            _ when host.StartsWith('[') && host.EndsWith(']') && IPAddress.TryParse(host[1..^1], out var v6) => v6,
            _ when !host.Contains(':', StringComparison.Ordinal) && IPAddress.TryParse(host, out var v4) => v4,
            _ => throw new FormatException($"'{text}': the host '{host}' is not an IP address, localhost or * (write IPv6 addresses in brackets)."),
        };
        return new IPEndPoint(address, port);
    }
}
