using System.CommandLine;
using System.Globalization;
using RulesMesh.Cli.Input;
using RulesMesh.Loading;
using RulesMesh.Server.Hosting;

namespace RulesMesh.Cli.Commands;

/// <summary>
/// <c>rulesmesh serve</c>: a live xDS control plane for waypoints. Reads objects from watched files and folders (as
/// <c>translate</c> reads them) or from a Kubernetes API server, and serves each connecting proxy its Gateway's
/// configuration over Envoy's Aggregated Discovery Service until Ctrl-C or SIGTERM.
/// </summary>
internal static class ServeCommand
{
    /// <summary>The longest --debounce: a minute, past which changes would look lost.</summary>
    public const int MaximumDebounceMilliseconds = 60_000;

    public static Command Create()
    {
        var listen = new Option<string>("--listen")
        {
            Description = $"The xDS gRPC address (HTTP/2). Port 0 picks a free port. Default 0.0.0.0:{ServeOptions.DefaultXdsPort} (kgateway's xDS port).",
            HelpName = "host:port",
            DefaultValueFactory = static _ => $"0.0.0.0:{ServeOptions.DefaultXdsPort}",
        };
        var admin = new Option<string>("--admin")
        {
            Description = $"The address of /healthz, /readyz, /metrics and /debug/* (HTTP/1.1). Port 0 picks a free port. Default 127.0.0.1:{ServeOptions.DefaultAdminPort}.",
            HelpName = "host:port",
            DefaultValueFactory = static _ => $"127.0.0.1:{ServeOptions.DefaultAdminPort}",
        };
        var profile = CommonArguments.Profile();
        var kubeconfig = new Option<string?>("--kubeconfig")
        {
            Description = "Read objects from the cluster this kubeconfig file's current context names, instead of files.",
            HelpName = "file",
        };
        var inCluster = new Option<bool>("--in-cluster")
        {
            Description = "Read objects from the cluster rulesmesh runs in (its service account), instead of files.",
        };
        var leaseNamespace = new Option<string?>("--lease-namespace")
        {
            Description = "With --kubeconfig or --in-cluster: the namespace of the Lease that elects the one replica writing statuses. Default: the Pod's namespace (--in-cluster) or the kubeconfig context's. Run outside the cluster beside the rulesmesh Deployment, give its namespace (rulesmesh-system) so that only one process writes.",
            HelpName = "namespace",
        };
        var debounce = LimitOptions.WholeNumber(
            "--debounce",
            string.Create(CultureInfo.InvariantCulture, $"How long changes must be quiet before they are read and applied, in milliseconds. Default 100, at most {MaximumDebounceMilliseconds}."),
            "ms",
            100,
            0,
            MaximumDebounceMilliseconds);
        var tlsCert = new Option<string?>("--tls-cert")
        {
            Description = "Serve xDS over TLS with this PEM certificate (chain) file; give --tls-key with it.",
            HelpName = "pem",
        };
        var tlsKey = new Option<string?>("--tls-key")
        {
            Description = "The PEM private key file of --tls-cert.",
            HelpName = "pem",
        };
        var clusterDomain = ClusterDomainOption.Create();
        var paths = new Argument<string[]>("paths")
        {
            Description = "Manifest files or folders to watch (every .yaml, .yml and .json below them). None, and no --kubeconfig or --in-cluster: the built-in sample mesh.",
            HelpName = "path",
            Arity = ArgumentArity.ZeroOrMore,
        };
        paths.Validators.Add(static result =>
        {
            foreach (var token in result.Tokens.Where(static t => t.Value.Length > 1 && t.Value[0] == '-'))
            {
                result.AddError($"Unrecognized option '{token.Value}'. To watch a file whose name starts with '-', write ./{token.Value}.");
            }
        });

        var command = new Command("serve", "Serve waypoint configuration live over xDS (Envoy's ADS, State of the World and incremental), from watched files or a Kubernetes cluster, until Ctrl-C or SIGTERM.")
        {
            listen,
            admin,
            profile,
            kubeconfig,
            inCluster,
            leaseNamespace,
            debounce,
            tlsCert,
            tlsKey,
            clusterDomain,
            paths,
        };
        command.SetAction(parseResult =>
        {
            var error = parseResult.InvocationConfiguration.Error;
            var settings = Check(
                parseResult.GetValue(listen)!,
                parseResult.GetValue(admin)!,
                parseResult.GetValue(profile) ?? WaypointPipelines.DefaultProfile,
                parseResult.GetValue(kubeconfig),
                parseResult.GetValue(inCluster),
                parseResult.GetValue(leaseNamespace),
                parseResult.GetValue(debounce),
                parseResult.GetValue(tlsCert),
                parseResult.GetValue(tlsKey),
                parseResult.GetValue(clusterDomain),
                parseResult.GetValue(paths) ?? [],
                error);
            return settings is null ? ExitCodes.Usage : ServeRun.Run(settings, parseResult.InvocationConfiguration.Output, error);
        });
        return command;
    }

    /// <summary>The settings the options ask for, or null after telling on <paramref name="error"/> what is wrong.</summary>
    private static ServeSettings? Check(string listen, string admin, string profile, string? kubeconfig, bool inCluster, string? leaseNamespace, int debounceMilliseconds, string? tlsCert, string? tlsKey, string? clusterDomain, string[] paths, TextWriter error)
    {
        var problems = new List<string>();
        if (!CommonArguments.TryReadSelection(profile, gatewayText: null, error, out _)
            || ClusterDomainOption.Resolve(clusterDomain, error) is not { } domain)
        {
            return null;
        }

        var xds = Endpoint("--listen", listen, problems);
        var adminEndpoint = Endpoint("--admin", admin, problems);
        if (kubeconfig is not null && inCluster)
        {
            problems.Add("Give --kubeconfig or --in-cluster, not both.");
        }

        if ((kubeconfig is not null || inCluster) && paths.Length > 0)
        {
            problems.Add($"Give paths to watch or {(inCluster ? "--in-cluster" : "--kubeconfig")}, not both: the objects come from one place.");
        }

        if (leaseNamespace is not null && kubeconfig is null && !inCluster)
        {
            problems.Add("--lease-namespace needs --kubeconfig or --in-cluster: only a cluster source writes statuses.");
        }
        else if (leaseNamespace is not null && !DnsNames.IsDns1123Label(System.Text.Encoding.UTF8.GetBytes(leaseNamespace)))
        {
            problems.Add($"--lease-namespace '{leaseNamespace}' is not a namespace name: {DnsNames.Dns1123LabelRule}.");
        }

        if (kubeconfig is not null && !File.Exists(kubeconfig))
        {
            problems.Add($"--kubeconfig {kubeconfig}: no such file.");
        }

        if ((tlsCert is null) != (tlsKey is null))
        {
            problems.Add("TLS needs both --tls-cert and --tls-key.");
        }

        foreach (var (option, file) in new[] { ("--tls-cert", tlsCert), ("--tls-key", tlsKey) })
        {
            if (file is not null && !File.Exists(file))
            {
                problems.Add($"{option} {file}: no such file.");
            }
        }

        foreach (var path in paths)
        {
            if (path == ManifestInput.StandardInputPath)
            {
                problems.Add("serve watches files and folders; it cannot watch standard input (-).");
            }
            else if (!File.Exists(path) && !Directory.Exists(path))
            {
                problems.Add($"{path}: no such file or folder.");
            }
        }

        if (kubeconfig is null && !inCluster && paths.Length == 0 && !Directory.Exists(ManifestInput.SampleDirectory))
        {
            problems.Add($"The built-in sample is missing: no folder {ManifestInput.SampleDirectory}. Name the files to watch instead.");
        }

        foreach (var problem in problems)
        {
            error.WriteLine(problem);
        }

        if (problems.Count > 0)
        {
            return null;
        }

        ServeSource source = inCluster
            ? new ServeSource.InCluster(leaseNamespace)
            : kubeconfig is not null
                ? new ServeSource.Kubeconfig(kubeconfig, leaseNamespace)
                : new ServeSource.Files(paths.Length == 0 ? [ManifestInput.SampleDirectory] : paths);
        var server = new ServeOptions { XdsEndpoint = xds!, AdminEndpoint = adminEndpoint!, TlsCertificateFile = tlsCert, TlsKeyFile = tlsKey };
        return new ServeSettings(server, profile, source, TimeSpan.FromMilliseconds(debounceMilliseconds), domain);
    }

    private static System.Net.IPEndPoint? Endpoint(string option, string text, List<string> problems)
    {
        try
        {
            return ServeOptions.ParseEndpoint(text);
        }
        catch (FormatException exception)
        {
            problems.Add($"{option}: {exception.Message}");
            return null;
        }
    }
}
