namespace RulesMesh.Server.Tests.EndToEnd;

/// <summary><c>rulesmesh serve</c>'s usage errors: exit 2 and a message naming what is wrong, before anything listens.</summary>
public sealed class ServeCommandLineTests
{
    [Theory]
    [InlineData("--listen|nowhere", "--listen: 'nowhere' is not of the form host:port")]
    [InlineData("--admin|127.0.0.1:70000", "--admin: '127.0.0.1:70000': the port '70000' is not a whole number from 0 to 65535.")]
    [InlineData("--kubeconfig|/no/such/kubeconfig|--in-cluster", "Give --kubeconfig or --in-cluster, not both.")]
    [InlineData("--in-cluster|.", "Give paths to watch or --in-cluster, not both: the objects come from one place.")]
    [InlineData("--kubeconfig|/no/such/kubeconfig", "--kubeconfig /no/such/kubeconfig: no such file.")]
    [InlineData("/no/such/folder", "/no/such/folder: no such file or folder.")]
    [InlineData("-", "serve watches files and folders; it cannot watch standard input (-).")]
    [InlineData("--tls-cert|/no/such/cert.pem", "TLS needs both --tls-cert and --tls-key.")]
    [InlineData("--profile|nope", "Unknown profile 'nope'.")]
    [InlineData("--debounce|-1", "--debounce")]
    [InlineData("--gateway|infra/x", "Unrecognized")]
    [InlineData("--lease-namespace|team-a", "--lease-namespace needs --kubeconfig or --in-cluster: only a cluster source writes statuses.")]
    [InlineData("--in-cluster|--lease-namespace|Team_A", "--lease-namespace 'Team_A' is not a namespace name")]
    public async Task A_bad_flag_is_a_usage_error_saying_what_is_wrong(string arguments, string message)
    {
        var (exitCode, output, error) = await ProcessRun.CliAsync(["serve", .. arguments.Split('|')]);

        Assert.Equal(2, exitCode);
        Assert.Contains(message, error, StringComparison.Ordinal);
        Assert.DoesNotContain("xds listening", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_address_in_use_is_a_usage_error_naming_the_addresses()
    {
        using var taken = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        taken.Start();
        var address = taken.LocalEndpoint.ToString()!;

        var (exitCode, output, error) = await ProcessRun.CliAsync("serve", "--listen", address, "--admin", "127.0.0.1:0", TestPaths.Root + "/samples/mesh");

        Assert.Equal(2, exitCode);
        // One line of its own names the options; the web host's log of the same failure (with its stack trace) is dropped.
        Assert.Contains($"\nCannot listen on --listen {address} and --admin 127.0.0.1:0: ", "\n" + error, StringComparison.Ordinal);
        Assert.DoesNotContain("Hosting failed to start", error, StringComparison.Ordinal);
        Assert.DoesNotContain(" at System.", error, StringComparison.Ordinal);
        Assert.Empty(output);
    }

    [Fact]
    public async Task An_address_this_host_does_not_have_is_a_usage_error_naming_the_addresses()
    {
        // 192.0.2.1 is TEST-NET-1 (RFC 5737), on no host: binding to it fails at once, and no packet is sent.
        var (exitCode, output, error) = await ProcessRun.CliAsync("serve", "--listen", "192.0.2.1:9977", "--admin", "127.0.0.1:0", TestPaths.Root + "/samples/mesh");

        Assert.Equal(2, exitCode);
        Assert.Contains("\nCannot listen on --listen 192.0.2.1:9977 and --admin 127.0.0.1:0: ", "\n" + error, StringComparison.Ordinal);
        Assert.DoesNotContain("internal error", error, StringComparison.Ordinal);
        Assert.DoesNotContain("Hosting failed to start", error, StringComparison.Ordinal);
        Assert.Empty(output);
    }

    [Fact]
    public async Task In_cluster_outside_a_cluster_is_a_usage_error_naming_the_option()
    {
        var (exitCode, _, error) = await ProcessRun.RunAsync("env", ["-u", "KUBERNETES_SERVICE_HOST", "-u", "KUBERNETES_SERVICE_PORT", "dotnet", TestPaths.Cli, "serve", "--in-cluster", "--listen", "127.0.0.1:0", "--admin", "127.0.0.1:0"]);

        Assert.Equal(2, exitCode);
        Assert.StartsWith("--in-cluster: not running in a Kubernetes Pod", error, StringComparison.Ordinal);
    }
}
