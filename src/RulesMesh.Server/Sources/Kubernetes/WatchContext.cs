using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;
using RulesMesh.Server.Operations;

namespace RulesMesh.Server.Sources.Kubernetes;

/// <summary>What every <see cref="KindWatcher"/> of one source shares.</summary>
/// <param name="Source">The source, as the sink knows it.</param>
/// <param name="Sink">Where changes and problems go.</param>
/// <param name="Api">The API server.</param>
/// <param name="Decoder">Reads objects into typed models, with validation.</param>
/// <param name="Options">Backoff and watch timeout.</param>
/// <param name="Metrics">Watch restarts are counted here.</param>
/// <param name="Logger">The source's logger.</param>
/// <param name="Statuses">Where the kinds whose status is written keep what the API server has.</param>
/// <param name="StatusKinds">Those kinds.</param>
/// <param name="ResumePoints">The resourceVersion each watcher would resume from now, by collection path.</param>
internal sealed record WatchContext(
    IConfigurationSource Source,
    IChangeSink Sink,
    KubernetesApi Api,
    ObjectDecoder Decoder,
    KubernetesSourceOptions Options,
    ServerMetrics Metrics,
    ILogger Logger,
    LiveStatuses Statuses,
    IReadOnlyList<WatchedKind> StatusKinds,
    ConcurrentDictionary<string, string> ResumePoints);
