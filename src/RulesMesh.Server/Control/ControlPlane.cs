using System.Collections.Concurrent;
using System.Collections.Immutable;
using System.Diagnostics;
using System.Threading.Channels;
using Microsoft.Extensions.Logging;
using RulesMesh.Engine;
using RulesMesh.Server.Operations;
using RulesMesh.Server.Sources;
using RulesMesh.Server.Xds;
using RulesMesh.Translation;

namespace RulesMesh.Server.Control;

/// <summary>
/// The control plane: takes the sources' changes, debounces and coalesces them into one engine step at a time on a
/// single writer loop, keeps one translation per client identity in use (<see cref="ClientIdentityEngines"/>), serves
/// each proxy the snapshot of its Gateway for its client identity, and hands changed statuses to the status writers.
/// </summary>
/// <remarks>
/// Every <see cref="IChangeSink"/> and <see cref="IProxySnapshotSource"/> member may be called from any thread: they
/// queue work for the writer loop or read the state it last published, without locks.
/// </remarks>
public sealed partial class ControlPlane : IChangeSink, IProxySnapshotSource, IControlPlaneStatus
{
    /// <summary>The name of the <c>/debug/sources</c> entry that lists the translation's warnings while there are any.</summary>
    public const string TranslationEntry = "translation";

    private static readonly ProxySnapshot NoGateway = new(
        "no gateway",
        ResourceSet.Empty,
        ["the node names no Gateway (metadata role kgateway-kube-gateway-api~<namespace>~<gateway>, or Istio's metadata LABELS with gateway.networking.k8s.io/gateway-name): it gets no resources"]);

    private readonly ControlPlaneOptions _options;
    private readonly ServerMetrics _metrics;
    private readonly ILogger<ControlPlane> _logger;
    private readonly ClientIdentityEngines _engines;
    private readonly Channel<ControlPlaneWork> _work = Channel.CreateUnbounded<ControlPlaneWork>(new UnboundedChannelOptions { SingleReader = true });
    private readonly Channel<bool> _statusSignal = Channel.CreateBounded<bool>(new BoundedChannelOptions(1) { SingleReader = true, FullMode = BoundedChannelFullMode.DropWrite });
    private readonly PendingStatusWrites _pendingStatuses = new();
    private readonly ConcurrentDictionary<string, SourceState> _sources = new(StringComparer.Ordinal);
    private readonly HashSet<string> _awaitingSync = new(StringComparer.Ordinal);

    /// <summary>The translation's current warnings by object, shown on <c>/debug/sources</c> as the entry <c>translation</c>.</summary>
    private readonly SourceState _translationWarnings = new(TranslationEntry);
    private ServingState? _serving;

    /// <summary>The sources that can say where they read an object, for the translation warnings (set once by <see cref="RunAsync"/>).</summary>
    private IReadOnlyList<IObjectLocator> _locators = [];

    /// <summary>The proxyless warnings last logged (only the run loop reads and writes it).</summary>
    private ImmutableArray<TranslationWarning> _loggedProxylessWarnings = [];

    /// <summary>The translation warnings last logged (only the run loop reads and writes it).</summary>
    private ImmutableArray<TranslationWarning> _loggedTranslationWarnings = [];
    private bool _ready;
    private bool _stepped;
    private int _started;

    /// <summary>A control plane with no objects; <see cref="RunAsync"/> starts it.</summary>
    public ControlPlane(ControlPlaneOptions options, ServerMetrics metrics, ILogger<ControlPlane> logger)
    {
        _options = options ?? throw new ArgumentNullException(nameof(options));
        _metrics = metrics ?? throw new ArgumentNullException(nameof(metrics));
        _logger = logger ?? throw new ArgumentNullException(nameof(logger));
        if (options.Debounce < TimeSpan.Zero || options.MaxDelay < TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(options), "Debounce and MaxDelay cannot be negative.");
        }

        _engines = new ClientIdentityEngines(options.Pipeline, options.Settings, options.Models);
        _translationWarnings.MarkSynced();
    }

    /// <inheritdoc />
    public event EventHandler? Changed;

    /// <inheritdoc />
    public bool IsReady => Volatile.Read(ref _ready);

    /// <inheritdoc />
    /// <remarks>While the translation has warnings (objects it worked around), an entry <see cref="TranslationEntry"/> lists them by object.</remarks>
    public IReadOnlyList<SourceStatus> Sources
        => [.. _sources.Values.Select(static s => s.Status).Concat(_translationWarnings.Status is { Problems.Count: > 0 } warnings ? [warnings] : []).OrderBy(static s => s.Name, StringComparer.Ordinal)];

    /// <summary>
    /// Runs <paramref name="sources"/> and the writer loop until <paramref name="cancellationToken"/> is cancelled, then
    /// returns. A source that fails is logged and shown on <c>/debug/sources</c>; the others go on. Runs once.
    /// </summary>
    public async Task RunAsync(IReadOnlyList<IConfigurationSource> sources, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(sources);
        if (Interlocked.Exchange(ref _started, 1) != 0)
        {
            throw new InvalidOperationException("A control plane runs once.");
        }

        _locators = [.. sources.OfType<IObjectLocator>()];
        foreach (var source in sources)
        {
            StateOf(source);
            _awaitingSync.Add(source.Name);
        }

        _work.Writer.TryWrite(new ControlPlaneWork.Start());
        Task[] running =
        [
            Task.Run(() => WriteLoopAsync(cancellationToken), CancellationToken.None),
            Task.Run(() => StatusLoopAsync(cancellationToken), CancellationToken.None),
            .. sources.Select(source => Task.Run(() => RunSourceAsync(source, cancellationToken), CancellationToken.None)),
        ];
        try
        {
            await Task.WhenAll(running).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
        }
    }

    /// <inheritdoc />
    public void Submit(IConfigurationSource source, IReadOnlyList<ResourceChange> changes)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(changes);
        StateOf(source);
        if (changes.Count > 0)
        {
            _work.Writer.TryWrite(new ControlPlaneWork.Changes(source, [.. changes]));
        }
    }

    /// <inheritdoc />
    public void MarkSynced(IConfigurationSource source)
    {
        ArgumentNullException.ThrowIfNull(source);
        StateOf(source).MarkSynced();
        _work.Writer.TryWrite(new ControlPlaneWork.Synced(source));
    }

    /// <inheritdoc />
    public void Report(IConfigurationSource source, string origin, IReadOnlyList<string> problems)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(origin);
        ArgumentNullException.ThrowIfNull(problems);
        StateOf(source).Report(origin, problems);
    }

    /// <inheritdoc />
    public void Connected(ProxyNode node)
    {
        ArgumentNullException.ThrowIfNull(node);
        if (node.Gateway is not null || node.IsProxylessGrpc)
        {
            _work.Writer.TryWrite(new ControlPlaneWork.Attach(ClientOf(node)));
        }
    }

    /// <inheritdoc />
    public void Disconnected(ProxyNode node)
    {
        ArgumentNullException.ThrowIfNull(node);
        if (node.Gateway is not null || node.IsProxylessGrpc)
        {
            _work.Writer.TryWrite(new ControlPlaneWork.Detach(ClientOf(node)));
        }
    }

    /// <summary>
    /// The snapshot of the Gateway <paramref name="node"/> names, for its client identity; an empty one with a warning
    /// when it names no Gateway or one the configuration lacks. Null before the control plane is ready and until the
    /// <see cref="Connected"/> call for the node has been taken in (<see cref="Changed"/> follows).
    /// </summary>
    public ProxySnapshot? SnapshotFor(ProxyNode node)
    {
        ArgumentNullException.ThrowIfNull(node);
        if (!IsReady || Volatile.Read(ref _serving) is not { } serving)
        {
            return null;
        }

        if (node.IsProxylessGrpc)
        {
            // A proxyless gRPC client (docs/proxyless.md): what its identity's engine computes for its Pod's namespace.
            return serving.States.IdentityOf(ClientOf(node)) is { } client ? serving.Snapshots[client].ForProxyless(node.Pod?.Namespace ?? client.Namespace ?? "default") : null;
        }

        if (node.Gateway is not { } gateway)
        {
            return NoGateway;
        }

        // Its warnings are the xDS service's to log, once per stream.
        return serving.States.IdentityOf(ClientOf(node)) is { } identity ? serving.Snapshots[identity].For(gateway) : null;
    }

    private static ProxyClient ClientOf(ProxyNode node) => new(node.Pod, node.Locality);

    private SourceState StateOf(IConfigurationSource source) => _sources.GetOrAdd(source.Name, static name => new SourceState(name));

    private async Task RunSourceAsync(IConfigurationSource source, CancellationToken cancellationToken)
    {
        try
        {
            await source.RunAsync(this, cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
        }
#pragma warning disable CA1031 // A failing source must not stop the others or the xDS service; it is logged and shown.
        catch (Exception exception)
#pragma warning restore CA1031
        {
            LogSourceFailed(source.Name, exception);
            Report(source, source.Name, [$"the source stopped: {exception.Message}"]);
        }
    }

    private async Task WriteLoopAsync(CancellationToken cancellationToken)
    {
        var reader = _work.Reader;
        while (await reader.WaitToReadAsync(cancellationToken).ConfigureAwait(false))
        {
            var round = new WorkRound();
            round.Take(reader);
            await DebounceAsync(reader, round, cancellationToken).ConfigureAwait(false);
            try
            {
                Step(round);
            }
#pragma warning disable CA1031 // A rule that throws must not stop serving: the proxies keep the last state and the next change is tried.
            catch (Exception exception)
#pragma warning restore CA1031
            {
                LogStepFailed(round.Changes.Count, exception);
            }
        }
    }

    // Waits for a quiet period of Debounce with no new work, taking what arrives, but never longer than MaxDelay in all.
    private async Task DebounceAsync(ChannelReader<ControlPlaneWork> reader, WorkRound round, CancellationToken cancellationToken)
    {
        var debounce = _options.Debounce;
        var maxDelay = _options.MaxDelay ?? debounce * 10;
        var started = Stopwatch.GetTimestamp();
        while (debounce > TimeSpan.Zero)
        {
            var left = maxDelay - Stopwatch.GetElapsedTime(started);
            if (left <= TimeSpan.Zero)
            {
                return;
            }

            using var quiet = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            quiet.CancelAfter(left < debounce ? left : debounce);
            try
            {
                if (!await reader.WaitToReadAsync(quiet.Token).ConfigureAwait(false))
                {
                    return;
                }
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                return;
            }

            round.Take(reader);
        }
    }

    private void Step(WorkRound round)
    {
        var started = Stopwatch.GetTimestamp();
        var changed = false;
        var statusesChanged = false;
        ClientIdentitiesStep? step = null;
        if (round.Changes.Count > 0 || !_stepped)
        {
            step = _engines.Apply(round.Changes);
            _stepped = true;
            foreach (var (source, count) in round.ChangesBySource)
            {
                _metrics.EngineChanges.WithLabels(source).Inc(count);
            }

            changed = !step.Moved.IsEmpty || !step.Added.IsEmpty || !step.Removed.IsEmpty || step.Steps.Values.Any(static s => !s.Changes.IsEmpty);
            if (step.Base.Changes.Statuses is { IsEmpty: false } statuses)
            {
                _pendingStatuses.Add(step.States.Base.Statuses, statuses);
                statusesChanged = true;
            }
        }

        // Attach before detach: a client reconnecting in one round keeps its engine.
        foreach (var client in round.Attached)
        {
            _engines.Attach(client);
            changed = true;
        }

        foreach (var client in round.Detached)
        {
            _engines.Detach(client);
        }

        if (step is not null || round.Attached.Count > 0)
        {
            var elapsed = Stopwatch.GetElapsedTime(started);
            _metrics.EngineStep.Observe(elapsed.TotalSeconds);
            LogStep(round.Changes.Count, round.Attached.Count, elapsed.TotalMilliseconds, _engines.Current.ByIdentity.Count);
        }

        Publish(step);
        LogProxylessWarnings(_engines.Current.Base.Proxyless.Warnings);
        ShowTranslationWarnings(_engines.Current.Base.Warnings);
        foreach (var source in round.Synced)
        {
            _awaitingSync.Remove(source.Name);
        }

        if (!IsReady && _awaitingSync.Count == 0)
        {
            Volatile.Write(ref _ready, true);
            changed = statusesChanged = true;
            LogReady(_engines.Current.Base.Proxies.Count);
        }

        // Statuses computed before readiness wait in _pendingStatuses: a partial initial state would write wrong ones.
        if (IsReady && statusesChanged)
        {
            _statusSignal.Writer.TryWrite(true);
        }

        if (IsReady && changed)
        {
            RaiseChanged();
        }
    }

    // Publishes the states after the round; each identity keeps the snapshots of the Gateways its step did not change.
    private void Publish(ClientIdentitiesStep? step)
    {
        var states = _engines.Current;
        var previous = Volatile.Read(ref _serving)?.Snapshots ?? ImmutableDictionary<ClientIdentity, IdentitySnapshots>.Empty;
        var snapshots = ImmutableDictionary.CreateBuilder<ClientIdentity, IdentitySnapshots>();
        foreach (var (identity, state) in states.ByIdentity)
        {
            if (!previous.TryGetValue(identity, out var before))
            {
                if (!identity.Equals(states.BaseIdentity))
                {
                    LogIdentityInUse(identity, states.ByIdentity.Count);
                }

                snapshots[identity] = new IdentitySnapshots(identity, state);
            }
            else
            {
                snapshots[identity] = step?.Steps.TryGetValue(identity, out var identityStep) == true
                    ? before.After(state, identityStep.Changes)
                    : ReferenceEquals(before.State, state) ? before : new IdentitySnapshots(identity, state);
            }
        }

        foreach (var identity in previous.Keys.Where(i => !states.ByIdentity.ContainsKey(i)))
        {
            LogIdentityDropped(identity, states.ByIdentity.Count);
        }

        Volatile.Write(ref _serving, new ServingState(states, snapshots.ToImmutable()));
    }

    private void RaiseChanged()
    {
        try
        {
            Changed?.Invoke(this, EventArgs.Empty);
        }
#pragma warning disable CA1031 // A subscriber's failure must not stop the writer loop.
        catch (Exception exception)
#pragma warning restore CA1031
        {
            LogChangedHandlerFailed(exception);
        }
    }

    private async Task StatusLoopAsync(CancellationToken cancellationToken)
    {
        await foreach (var _ in _statusSignal.Reader.ReadAllAsync(cancellationToken).ConfigureAwait(false))
        {
            while (_pendingStatuses.Take() is var (current, changes))
            {
                foreach (var writer in _options.StatusWriters)
                {
                    try
                    {
                        await writer.WriteAsync(current, changes, cancellationToken).ConfigureAwait(false);
                    }
                    catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
                    {
                        throw;
                    }
#pragma warning disable CA1031 // One writer's failure must not stop the others or later writes; it is logged.
                    catch (Exception exception)
#pragma warning restore CA1031
                    {
                        LogStatusWriteFailed(writer.GetType().Name, changes.Count, exception);
                    }
                }
            }
        }
    }

    /// <summary>
    /// What proxyless gRPC clients cannot be given (docs/proxyless.md), logged once each time it changes: the same for
    /// every client, so not per stream, which would repeat it for every client Pod.
    /// </summary>
    private void LogProxylessWarnings(ImmutableArray<TranslationWarning> warnings)
    {
        if (warnings.SequenceEqual(_loggedProxylessWarnings))
        {
            return;
        }

        foreach (var warning in warnings.Except(_loggedProxylessWarnings))
        {
            LogProxylessWarning(warning.ToString());
        }

        _loggedProxylessWarnings = warnings;
    }

    /// <summary>
    /// What translation worked around (as <c>translate</c> prints it): each warning logged when it appears and when it
    /// is gone, not on every step while it persists; the current ones shown by object on <c>/debug/sources</c>.
    /// </summary>
    private void ShowTranslationWarnings(ImmutableArray<TranslationWarning> warnings)
    {
        if (warnings.SequenceEqual(_loggedTranslationWarnings))
        {
            return;
        }

        foreach (var warning in warnings.Except(_loggedTranslationWarnings))
        {
            // An object read from a file is located as translate locates it; one from Kubernetes is named only.
            if (warning.Resource is { } key && _locators.Select(l => l.Locate(key, warning.FieldPath)).FirstOrDefault(static l => l is not null) is { } location)
            {
                LogTranslationWarning(location, warning);
            }
            else
            {
                LogTranslationWarning(warning);
            }
        }

        foreach (var warning in _loggedTranslationWarnings.Except(warnings))
        {
            LogTranslationWarningGone(warning);
        }

        var now = warnings.GroupBy(static w => w.Subject, StringComparer.Ordinal).ToDictionary(static g => g.Key, static g => g.Select(static w => w.Message).ToList(), StringComparer.Ordinal);
        foreach (var subject in _loggedTranslationWarnings.Select(static w => w.Subject).Where(subject => !now.ContainsKey(subject)))
        {
            _translationWarnings.Report(subject, []);
        }

        foreach (var (subject, messages) in now)
        {
            _translationWarnings.Report(subject, messages);
        }

        _loggedTranslationWarnings = warnings;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Translation: {Warning}")]
    private partial void LogTranslationWarning(TranslationWarning warning);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Translation: {Location}: {Warning}")]
    private partial void LogTranslationWarning(string location, TranslationWarning warning);

    [LoggerMessage(Level = LogLevel.Information, Message = "Translation warning gone: {Warning}")]
    private partial void LogTranslationWarningGone(TranslationWarning warning);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Proxyless gRPC: {Warning}")]
    private partial void LogProxylessWarning(string warning);

    [LoggerMessage(Level = LogLevel.Error, Message = "Source {Source} stopped")]
    private partial void LogSourceFailed(string source, Exception exception);

    [LoggerMessage(Level = LogLevel.Error, Message = "Engine step of {Changes} changes failed; proxies keep the last state")]
    private partial void LogStepFailed(int changes, Exception exception);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Engine step: {Changes} changes and {Attached} proxies attached in {Milliseconds:F1} ms, {Identities} client identities")]
    private partial void LogStep(int changes, int attached, double milliseconds, int identities);

    [LoggerMessage(Level = LogLevel.Information, Message = "Client identity in use, with an engine of its own: {Identity}; engines now {Identities}")]
    private partial void LogIdentityInUse(ClientIdentity identity, int identities);

    [LoggerMessage(Level = LogLevel.Information, Message = "Client identity no proxy has any more, its engine dropped: {Identity}; engines now {Identities}")]
    private partial void LogIdentityDropped(ClientIdentity identity, int identities);

    [LoggerMessage(Level = LogLevel.Information, Message = "Ready: every source synced, first snapshot built ({Proxies} Gateway proxies)")]
    private partial void LogReady(int proxies);

    [LoggerMessage(Level = LogLevel.Error, Message = "A Changed subscriber failed")]
    private partial void LogChangedHandlerFailed(Exception exception);

    [LoggerMessage(Level = LogLevel.Error, Message = "Status writer {Writer} failed to write {Changes} status changes")]
    private partial void LogStatusWriteFailed(string writer, int changes, Exception exception);
}
