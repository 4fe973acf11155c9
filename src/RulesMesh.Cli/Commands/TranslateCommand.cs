using System.CommandLine;
using RulesMesh.Cli.Output;
using RulesMesh.Cli.Reports;
using RulesMesh.Loading;
using RulesMesh.Mesh;
using RulesMesh.Models.GatewayNetworkingK8sIo.V1;
using RulesMesh.Rules;
using RulesMesh.Store;
using RulesMesh.Translation.Backends;
using k8s.Models;
using RulesMesh.Translation.Output;
using RulesMesh.Xds;

namespace RulesMesh.Cli.Commands;

/// <summary>
/// <c>rulesmesh translate</c>: computes the Envoy configuration of the waypoints and ordinary Gateways and prints one document with
/// <c>clusters</c>, <c>endpoints</c>, <c>listeners</c>, <c>routes</c> and <c>statuses</c>.
/// </summary>
internal static class TranslateCommand
{
    /// <summary>The command; <paramref name="standardInput"/> is read when a path is <c>-</c>.</summary>
    public static Command Create(Func<TextReader> standardInput)
    {
        var gateway = CommonArguments.Gateway("Translate only this Gateway, waypoint or ordinary (its listeners, routes and status); clusters cover every service.");
        var profile = CommonArguments.Profile();
        var format = new Option<string>("--format", "-o")
        {
            Description = "Output format: yaml or json.",
            HelpName = "yaml|json",
            DefaultValueFactory = static _ => "yaml",
        };
        CommonArguments.AcceptOnly(format, "yaml", "json");
        var outputFile = new Option<string?>("--output")
        {
            Description = "Write the document to this file instead of standard output.",
            HelpName = "file",
        };
        outputFile.Validators.Add(static result =>
        {
            // kubectl's --output is the format; here it is the file, and a file named json or yaml is almost surely that mistake.
            if (result.GetValueOrDefault<string?>() is { } format && format is "json" or "yaml")
            {
                result.AddError($"--output is the file to write the document to; to choose the format, use -o or --format {format} (a file of that name: ./{format}).");
            }
        });
        var clientPod = new Option<string?>("--client-pod")
        {
            Description = "The proxy asking for configuration, as a Pod in the input: endpoint priorities are relative to its Node's locality.",
            HelpName = "namespace/name",
        };
        var clientLocality = new Option<string?>("--client-locality")
        {
            Description = "The locality of the proxy asking for configuration, instead of --client-pod.",
            HelpName = "region[/zone[/subzone]]",
        };
        var doubleHbone = new Option<bool>("--istio-double-hbone")
        {
            Description = "With --profile istio, also emit the double-HBONE listeners and clusters inner_connect_originate and outer_connect_originate (whether istiod sends them to a single-network waypoint is ambiguous).",
        };
        var visibility = new Option<string?>("--service-entry-visibility")
        {
            Description = "Istio's mesh setting serviceEntryVisibility (istio profile): Namespace refuses a waypoint in another namespace, None drops ServiceEntries from capture. Unset: Istio's default, and no VisibilityApplied condition.",
            HelpName = "Public|Namespace|None",
        };
        CommonArguments.AcceptOnly(visibility, nameof(ServiceEntryVisibility.Public), nameof(ServiceEntryVisibility.Namespace), nameof(ServiceEntryVisibility.None));
        var clusterDomain = ClusterDomainOption.Create();
        var timings = CommonArguments.Timings("reading, translating and writing");
        var paths = CommonArguments.Paths();
        var files = CommonArguments.Files();
        var gatewayNamespace = NamespaceOption.Create();
        var limits = new LimitOptions();
        var command = new Command("translate", "Compute the Envoy xDS (clusters, endpoints, listeners, routes) of the waypoints and ordinary HTTP Gateways, and the Gateway and route statuses.")
        {
            gateway,
            profile,
            format,
            outputFile,
            clientPod,
            clientLocality,
            doubleHbone,
            visibility,
            clusterDomain,
            timings,
            files,
            gatewayNamespace,
            paths,
        };
        limits.AddTo(command);
        command.SetAction(parseResult => Run(
            CommonArguments.GatewayText(parseResult, gateway, gatewayNamespace),
            parseResult.GetValue(profile) ?? WaypointPipelines.DefaultProfile,
            parseResult.GetValue(format) ?? "yaml",
            parseResult.GetValue(outputFile),
            new ClientChoice(parseResult.GetValue(clientPod), parseResult.GetValue(clientLocality)),
            parseResult.GetValue(doubleHbone),
            parseResult.GetValue(visibility) is { } chosen ? Enum.Parse<ServiceEntryVisibility>(chosen) : null,
            parseResult.GetValue(clusterDomain),
            parseResult.GetValue(timings) ? new PhaseTimings() : null,
            CommonArguments.Inputs(parseResult, paths, files),
            parseResult.GetValue(gatewayNamespace),
            limits.Read(parseResult),
            standardInput,
            parseResult.InvocationConfiguration.Output,
            parseResult.InvocationConfiguration.Error));
        return command;
    }

    private static int Run(string? gatewayText, string profile, string format, string? outputFile, ClientChoice client, bool doubleHbone, ServiceEntryVisibility? visibility, string? clusterDomain, PhaseTimings? timings, IReadOnlyList<string> paths, string? objectNamespace, LoaderLimits limits, Func<TextReader> standardInput, TextWriter output, TextWriter error)
    {
        if (!NamespaceOption.IsValid(objectNamespace, error)
            || !CommonArguments.TryReadSelection(profile, gatewayText, error, out var gateway) || !client.IsValid(error)
            || ClusterDomainOption.Resolve(clusterDomain, error) is not { } domain)
        {
            return ExitCodes.Usage;
        }

        // Settings of Istio's that only the istio profile reads: said, rather than silently doing nothing.
        if (profile != "istio")
        {
            foreach (var (given, option) in new[] { (doubleHbone, "--istio-double-hbone"), (visibility is not null, "--service-entry-visibility") })
            {
                if (given)
                {
                    error.WriteLine($"warning: {option} has no effect with --profile {profile}; only the istio profile reads it.");
                }
            }
        }

        using var file = outputFile is null ? null : OutputFile.Open(outputFile, error);
        if (outputFile is not null && file is null)
        {
            return ExitCodes.Usage;
        }

        // Built while the input is read instead of at the first cluster: a fresh process spends ~0.25 s of one core on them.
        _ = EnvoyDescriptors.BuildInBackground();
        if (CommonArguments.Load(paths, objectNamespace, standardInput, error, limits) is not var (input, loaded))
        {
            return ExitCodes.InputError;
        }

        timings?.End("read");
        if (gateway is { } asked && !GatewayNames(loaded).Contains(asked.ToString()))
        {
            error.WriteLine(MissingGateway(loaded, asked));
            return loaded.HasErrors ? ExitCodes.InputError : ExitCodes.Usage;
        }

        if (client.Settings(loaded, gateway, error) is not { } settings)
        {
            return ExitCodes.Usage;
        }

        // Straight from the load: a store built here too would index every object a second time and stay alive.
        var snapshot = new WaypointTranslator(WaypointPipelines.Create(profile), settings with { IstioDoubleHbone = doubleHbone, ServiceEntryVisibility = visibility, ClusterDomain = domain }).Translate(loaded, gateway);
        timings?.End("translate");
        WriteDocument(snapshot, format, OutputStream.For(file, output));
        timings?.End("write");

        if (snapshot.Warnings.Count > 0)
        {
            var locations = new WarningLocations(loaded, snapshot.Warnings);
            foreach (var warning in snapshot.Warnings)
            {
                error.WriteLine(locations.Line(warning));
            }
        }

        if (paths.Count == 0)
        {
            error.WriteLine(Summary(snapshot, profile, input.Description));
        }

        timings?.Write(error);

        if (loaded.HasErrors)
        {
            error.WriteLine(CommonArguments.InputErrorSummary(loaded, "the document"));
            return ExitCodes.InputError;
        }

        return ExitCodes.Success;
    }

    private static void WriteDocument(XdsSnapshot snapshot, string format, Stream stream)
    {
        using var target = stream;
        if (format == "json")
        {
            XdsDocument.WriteJson(snapshot, target);
        }
        else
        {
            XdsDocument.WriteYaml(snapshot, target);
        }
    }

    /// <summary>The <c>namespace/name</c> of every Gateway loaded, a Gateway without a namespace in the store's default.</summary>
    private static IEnumerable<string> GatewayNames(LoadResult loaded)
        => loaded.Resources.Select(static r => r.Object).OfType<Gateway>()
            .Select(static g => $"{g.Metadata?.NamespaceProperty ?? ResourceStore.DefaultNamespace}/{g.Metadata?.Name}");

    private static string MissingGateway(LoadResult loaded, NamespacedName asked)
    {
        var found = GatewayNames(loaded).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        var known = found.Count == 0 ? "The input has no Gateway." : $"Gateways in the input: {string.Join(", ", found)}.";
        var hint = loaded.HasErrors ? " It may be in a document that could not be loaded (see the errors above)." : string.Empty;
        return $"--gateway {asked}: no Gateway {asked} in the input. {known}{hint}";
    }

    private static string Summary(XdsSnapshot snapshot, string profile, string input)
    {
        var chains = snapshot.Listeners.Sum(static l => l.FilterChains.Count);
        return $"Translated {input} with profile {profile}: {snapshot.Clusters.Count} clusters, {snapshot.Endpoints.Count} endpoint assignments, "
            + $"{snapshot.Listeners.Count} listeners with {chains} filter chains, {snapshot.Routes.Count} route configurations, "
            + $"{snapshot.GatewayStatuses.Count} Gateway and {snapshot.HttpRouteStatuses.Count} HTTPRoute statuses.";
    }

    /// <summary>The proxy asking for configuration: a Pod in the input, or a locality given outright, or neither.</summary>
    private sealed record ClientChoice(string? Pod, string? Locality)
    {
        private const string GatewayNameLabel = "gateway.networking.k8s.io/gateway-name";

        public bool IsValid(TextWriter error)
        {
            if (Pod is not null && Locality is not null)
            {
                error.WriteLine("Give --client-pod or --client-locality, not both.");
                return false;
            }

            // As Istio reads a locality: the zone and subzone may be left out (most Nodes have no subzone), and the
            // subzone keeps any further slashes (region/zone/sub/zone); the region may not be empty.
            if (Locality is not null && (Locality.Length == 0 || Locality[0] == '/'))
            {
                error.WriteLine($"--client-locality '{Locality}' is not of the form region[/zone[/subzone]].");
                return false;
            }

            if (Pod is not null && !Pod.Contains('/', StringComparison.Ordinal))
            {
                error.WriteLine($"--client-pod '{Pod}' is not of the form namespace/name.");
                return false;
            }

            return true;
        }

        /// <summary>
        /// The run's settings with the asking proxy's locality (and, for a Pod, its namespace and labels); null, after
        /// telling why, when the Pod is not in the input. With neither option and one <paramref name="gateway"/> asked
        /// for, the proxy is that Gateway's own Pod when the input has one (labelled
        /// <c>gateway.networking.k8s.io/gateway-name</c> in its namespace, as kgateway's and istiod's deployments label
        /// them), which is what the control plane would see when that proxy connects.
        /// </summary>
        public EngineSettings? Settings(LoadResult loaded, NamespacedName? gateway, TextWriter error)
        {
            if (Pod is null && Locality is null && gateway is { } own && GatewayPod(loaded, own) is { } gatewayPod)
            {
                error.WriteLine($"Client: Pod {gatewayPod}, Gateway {own}'s own (label {GatewayNameLabel}); --client-pod or --client-locality chooses another.");
                return new EngineSettings().ForPod(ResourceStore.From(loaded), gatewayPod.Namespace, gatewayPod.Name);
            }

            if (Pod is null)
            {
                return new EngineSettings { ClientLocality = Locality };
            }

            var store = ResourceStore.From(loaded);
            var pod = NamespacedName.Parse(Pod);
            if (store.Get<V1Pod>(pod.Namespace, pod.Name) is null)
            {
                error.WriteLine($"--client-pod {Pod}: Pod {pod} is not in the input.");
                return null;
            }

            return new EngineSettings().ForPod(store, pod.Namespace, pod.Name);
        }

        // A ready Pod that is not terminating before the others, then the first by name, so that a Gateway with several
        // replicas gets the same client every run.
        private static NamespacedName? GatewayPod(LoadResult loaded, NamespacedName gateway)
            => loaded.Resources.Select(static r => r.Object).OfType<V1Pod>()
                .Where(pod => (pod.Metadata?.NamespaceProperty ?? ResourceStore.DefaultNamespace) == gateway.Namespace
                    && pod.Metadata?.Labels is { } labels && labels.TryGetValue(GatewayNameLabel, out var name) && name == gateway.Name)
                .OrderBy(static pod => Serving(pod) ? 0 : 1)
                .ThenBy(static pod => pod.Metadata!.Name, StringComparer.Ordinal)
                .Select(pod => (NamespacedName?)new NamespacedName(gateway.Namespace, pod.Metadata!.Name))
                .FirstOrDefault();

        private static bool Serving(V1Pod pod)
            => pod.Metadata?.DeletionTimestamp is null && pod.Status?.Conditions?.Any(static c => c.Type == "Ready" && c.Status == "True") == true;
    }
}
