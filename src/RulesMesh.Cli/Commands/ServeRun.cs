using System.Runtime.InteropServices;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Console;
using Prometheus;
using RulesMesh.Cli.Output;
using RulesMesh.Rules;
using RulesMesh.Server.Control;
using RulesMesh.Server.Hosting;
using RulesMesh.Server.Operations;
using RulesMesh.Server.Sources;
using RulesMesh.Server.Sources.Files;
using RulesMesh.Server.Sources.Kubernetes;
using RulesMesh.Translation.Gateways;

namespace RulesMesh.Cli.Commands;

/// <summary>
/// Runs <c>rulesmesh serve</c>: composes the source (files or Kubernetes), the control plane and the xDS host, prints
/// the addresses once both endpoints are bound, and on Ctrl-C or SIGTERM drains and returns 0. Logs go to standard
/// error, one line each, so standard output carries only the addresses line.
/// </summary>
internal static class ServeRun
{
    public static int Run(ServeSettings settings, TextWriter output, TextWriter error)
    {
        using var stop = new CancellationTokenSource();
        using var interrupt = PosixSignalRegistration.Create(PosixSignal.SIGINT, Stop);
        using var terminate = PosixSignalRegistration.Create(PosixSignal.SIGTERM, Stop);
        return RunAsync(settings, output, error, stop.Token).GetAwaiter().GetResult();

        void Stop(PosixSignalContext context)
        {
            // Drain instead of dying: the run below stops the server and the control plane, then returns 0.
            context.Cancel = true;
            stop.Cancel();
        }
    }

    private static async Task<int> RunAsync(ServeSettings settings, TextWriter output, TextWriter error, CancellationToken stop)
    {
        // ASP.NET Core's own information (each request, "Application started") would drown the control plane's.
        using var loggerFactory = LoggerFactory.Create(static logging => logging
            .SetMinimumLevel(LogLevel.Information)
            .AddFilter("Microsoft", LogLevel.Warning)
            .AddFilter("Grpc", LogLevel.Warning)
            .AddConsole(static console => console.FormatterName = ServeLogFormatter.FormatterName)
            .AddConsoleFormatter<ServeLogFormatter, ConsoleFormatterOptions>()
            .Services.Configure<ConsoleLoggerOptions>(static console => console.LogToStandardErrorThreshold = LogLevel.Trace));
        var metrics = new ServerMetrics(Metrics.NewCustomRegistry());
        using var kubernetes = KubernetesSourceFor(settings.Source, metrics, loggerFactory, error);
        if (settings.Source is not ServeSource.Files && kubernetes is null)
        {
            return ExitCodes.Usage;
        }

        var source = (IConfigurationSource?)kubernetes ?? new FileSource(
            ((ServeSource.Files)settings.Source).Paths,
            new FileSourceOptions { Debounce = settings.Debounce },
            loggerFactory.CreateLogger<FileSource>());
        var controlPlane = new ControlPlane(
            new ControlPlaneOptions(WaypointPipelines.Create(settings.Profile))
            {
                Debounce = settings.Debounce,
                // Statuses go to an API server, which refuses a controllerName that is not a domain-prefixed path.
                Settings = new EngineSettings { ServeProxylessClients = true, ClusterDomain = settings.ClusterDomain, KgatewayControllerName = KgatewayGatewayClass.ControllerName },
                StatusWriters = kubernetes is null ? [] : [kubernetes],
            },
            metrics,
            loggerFactory.CreateLogger<ControlPlane>());

        RulesMeshServer server;
        try
        {
            server = new RulesMeshServer(settings.Server, controlPlane, controlPlane, metrics, loggerFactory);
        }
        catch (ArgumentException exception)
        {
            error.WriteLine(exception.Message);
            return ExitCodes.Usage;
        }

        await using (server.ConfigureAwait(false))
        {
            try
            {
                await server.StartAsync(stop).ConfigureAwait(false);
            }
            catch (IOException exception)
            {
                error.WriteLine($"Cannot listen on --listen {settings.Server.XdsEndpoint} and --admin {settings.Server.AdminEndpoint}: {exception.Message}");
                return ExitCodes.Usage;
            }
            catch (OperationCanceledException) when (stop.IsCancellationRequested)
            {
                return ExitCodes.Success;
            }

            output.WriteLine(server.ListeningLine);
            output.Flush();
            var running = controlPlane.RunAsync([source], stop);
            await Task.WhenAny(running, Task.Delay(Timeout.Infinite, stop)).ConfigureAwait(false);

            // Stop taking streams first, so no proxy is served from a control plane that is stopping.
            await server.StopAsync(CancellationToken.None).ConfigureAwait(false);
            await running.ConfigureAwait(false);
        }

        return ExitCodes.Success;
    }

    private static KubernetesSource? KubernetesSourceFor(ServeSource source, ServerMetrics metrics, ILoggerFactory loggerFactory, TextWriter error)
    {
        try
        {
            return source switch
            {
                ServeSource.Kubeconfig kubeconfig => KubernetesSource.FromKubeconfig(kubeconfig.Path, metrics, loggerFactory.CreateLogger<KubernetesSource>(), kubeconfig.LeaseNamespace),
                ServeSource.InCluster inCluster => KubernetesSource.InCluster(metrics, loggerFactory.CreateLogger<KubernetesSource>(), inCluster.LeaseNamespace),
                _ => null,
            };
        }
        catch (Exception exception) when (exception is k8s.Exceptions.KubeConfigException or IOException or UnauthorizedAccessException)
        {
            var from = source is ServeSource.InCluster ? "--in-cluster: not running in a Kubernetes Pod, or its service account cannot be read" : $"--kubeconfig {((ServeSource.Kubeconfig)source).Path}";
            error.WriteLine($"{from}: {exception.Message}");
            return null;
        }
    }
}
