using System.Net;
using RulesMesh.Server.Hosting;

namespace RulesMesh.Server.Tests.Hosting;

public sealed class ServeOptionsTests
{
    [Fact]
    public void The_defaults_are_kgateways_xDS_port_on_every_address_and_the_admin_port_on_loopback()
    {
        var options = new ServeOptions();

        Assert.Equal(new IPEndPoint(IPAddress.Any, 9977), options.XdsEndpoint);
        Assert.Equal(new IPEndPoint(IPAddress.Loopback, 9092), options.AdminEndpoint);
    }

    [Theory]
    [InlineData("0.0.0.0:9977", "0.0.0.0", 9977)]
    [InlineData("127.0.0.1:0", "127.0.0.1", 0)]
    [InlineData("localhost:9092", "127.0.0.1", 9092)]
    [InlineData("*:15010", "0.0.0.0", 15010)]
    [InlineData("[::1]:9092", "::1", 9092)]
    [InlineData("[::]:65535", "::", 65535)]
    public void An_endpoint_is_an_address_and_a_port(string text, string address, int port)
        => Assert.Equal(new IPEndPoint(IPAddress.Parse(address), port), ServeOptions.ParseEndpoint(text));

    [Theory]
    [InlineData("9977", "'9977' is not of the form host:port (for example 0.0.0.0:9977, 127.0.0.1:0 or [::1]:9092).")]
    [InlineData("0.0.0.0:", "'0.0.0.0:' is not of the form host:port (for example 0.0.0.0:9977, 127.0.0.1:0 or [::1]:9092).")]
    [InlineData("0.0.0.0:65536", "'0.0.0.0:65536': the port '65536' is not a whole number from 0 to 65535.")]
    [InlineData("0.0.0.0:-1", "'0.0.0.0:-1': the port '-1' is not a whole number from 0 to 65535.")]
    [InlineData("xds.example:9977", "'xds.example:9977': the host 'xds.example' is not an IP address, localhost or * (write IPv6 addresses in brackets).")]
    [InlineData("::1:9977", "'::1:9977': the host '::1' is not an IP address, localhost or * (write IPv6 addresses in brackets).")]
    public void A_malformed_endpoint_is_refused_saying_why(string text, string message)
        => Assert.Equal(message, Assert.Throws<FormatException>(() => ServeOptions.ParseEndpoint(text)).Message);
}
