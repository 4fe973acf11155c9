using System.Diagnostics;
using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using RulesMesh.Engine;

namespace RulesMesh.Server.Sources.Kubernetes;

/// <summary>
/// Lists and watches one kind, as client-go's reflector does: list (page by page, as its pager does), then watch from
/// the list's resourceVersion with bookmarks, resume each new watch from the last resourceVersion seen (bookmarks
/// included), list again when the server says that version is gone (410), and back off with jitter after errors and
/// dropped connections. Everything seen goes to the sink; objects that fail validation are reported and left out.
/// </summary>
internal sealed class KindWatcher
{
    /// <summary>The longest a watch may stay open past its <c>timeoutSeconds</c> before its connection is taken for dead.</summary>
    private static readonly TimeSpan MaxWatchGrace = TimeSpan.FromSeconds(30);

    /// <summary>A watch that ends sooner with no event is a failure, backed off (client-go's bound).</summary>
    private static readonly TimeSpan VeryShortWatch = TimeSpan.FromSeconds(1);

    private readonly WatchedKind _kind;
    private readonly WatchContext _context;
    private readonly bool _tracksStatus;

    /// <summary>Objects the engine has from this kind (submitted and not deleted since).</summary>
    private readonly HashSet<ResourceKey> _known = [];

    /// <summary>Objects reported as invalid, by origin, so their report is cleared once they are fixed or gone.</summary>
    private readonly HashSet<string> _invalid = new(StringComparer.Ordinal);

    private string _resourceVersion = string.Empty;

    /// <summary>Where the next watch resumes from (the last list's, event's or bookmark's resourceVersion).</summary>
    private string ResourceVersion
    {
        get => _resourceVersion;
        set
        {
            _resourceVersion = value;
            _context.ResumePoints[_kind.CollectionPath] = value;
        }
    }

    public KindWatcher(WatchedKind kind, WatchContext context)
    {
        _kind = kind;
        _context = context;
        _tracksStatus = context.StatusKinds.Contains(kind);
    }

    /// <summary>The origin watch problems are reported under.</summary>
    private string WatchOrigin => $"watch {_kind.Resource}";

    /// <summary>Lists, calls <paramref name="listed"/> once the first list is submitted, then follows changes until cancelled.</summary>
    public async Task RunAsync(Action listed, CancellationToken cancellationToken)
    {
        var needsList = true;
        var announced = false;
        var failures = 0;
        while (!cancellationToken.IsCancellationRequested)
        {
            try
            {
                if (needsList)
                {
                    var listing = await ListAsync(cancellationToken).ConfigureAwait(false);
                    if (listing.End == ListEnd.NotServed)
                    {
                        // The cluster does not serve the kind (its CRD is not installed): nothing of it to read now, so it
                        // does not hold readiness back; it is listed again later in case the CRD arrives.
                        _context.Sink.Report(_context.Source, WatchOrigin, [$"The API server does not serve {_kind.Resource} ({_kind.Group}/{_kind.Version}); is its CRD installed? Listing again in {_context.Options.Backoff.Max.TotalSeconds:0} s."]);
                        Announce();
                        await Task.Delay(_context.Options.Backoff.Max, cancellationToken).ConfigureAwait(false);
                        continue;
                    }

                    if (listing.End == ListEnd.Expired)
                    {
                        // The snapshot the pages came from is compacted away: only a new list is consistent. Backed off
                        // (doubling while it keeps expiring), so a list that always outlasts the history is not a loop.
                        failures++;
                        Restarted();
                        var expiredDelay = _context.Options.Backoff.Delay(failures, Random.Shared.NextDouble());
                        _context.Logger.ListExpired(_kind.Resource, listing.Pages, expiredDelay.TotalMilliseconds);
                        _context.Sink.Report(_context.Source, WatchOrigin, [$"Listing {_kind.Resource} was cut short {failures} time(s) in a row: the continue token expired (410 Gone) before the last page; listing again from the first page."]);
                        await Task.Delay(expiredDelay, cancellationToken).ConfigureAwait(false);
                        continue;
                    }

                    needsList = false;
                    failures = 0;
                    Announce();
                }

                var outcome = await WatchAsync(cancellationToken).ConfigureAwait(false);
                if (outcome.SawEvents)
                {
                    failures = 0;
                }

                switch (outcome.End)
                {
                    case WatchEnd.TimedOut:
                        continue;
                    case WatchEnd.Gone:
                        _context.Logger.WatchGone(_kind.Resource, _resourceVersion);
                        Restarted();
                        needsList = true;
                        if (!outcome.SawEvents)
                        {
                            // Refused at once (a proxy answering every watch with 410) would be a loop of full lists:
                            // wait first, as client-go waits between ListAndWatch attempts.
                            await Task.Delay(_context.Options.Backoff.Delay(failures + 1, Random.Shared.NextDouble()), cancellationToken).ConfigureAwait(false);
                        }

                        continue;
                }
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                return;
            }
#pragma warning disable CA1031 // Whatever fails (an exec credential plugin's KubeConfigException too), the kind is listed and watched again: a watcher that ended would freeze it.
            catch (Exception exception)
#pragma warning restore CA1031
            {
                failures++;
                Restarted();
                var delay = _context.Options.Backoff.Delay(failures, Random.Shared.NextDouble());
                _context.Logger.WatchFailed(_kind.Resource, failures, delay.TotalMilliseconds, exception.Message);
                _context.Sink.Report(_context.Source, WatchOrigin, [$"{(needsList ? "Listing" : "Watching")} {_kind.Resource} failed {failures} time(s) in a row: {exception.Message}"]);
                await Task.Delay(delay, cancellationToken).ConfigureAwait(false);
            }
        }

        void Announce()
        {
            if (!announced)
            {
                announced = true;
                listed();
            }
        }
    }

    private void Restarted() => _context.Metrics.WatchRestarts.WithLabels(_context.Source.Name, _kind.Kind).Inc();

    /// <summary>
    /// Lists the kind page by page and submits, as one batch, an upsert for every valid object and a delete for every
    /// object the engine has that the list lacks (deleted while no watch was running). Each page's JSON is let go once
    /// read; nothing is submitted, reported or remembered until the last page is in, so a list cut short (an expired
    /// continue token, an error) leaves no trace and, above all, deletes nothing.
    /// </summary>
    private async Task<ListOutcome> ListAsync(CancellationToken cancellationToken)
    {
        var seen = new List<SeenObject>();
        var resourceVersion = string.Empty;
        var continueToken = string.Empty;
        var pages = 0;
        do
        {
            JsonDocument? page;
            try
            {
                page = await ListPageOrNullAsync(continueToken, cancellationToken).ConfigureAwait(false);
            }
            catch (KubernetesApiException exception) when (exception.StatusCode == HttpStatusCode.Gone && continueToken.Length > 0)
            {
                return new ListOutcome(ListEnd.Expired, pages);
            }

            if (page is null)
            {
                return new ListOutcome(ListEnd.NotServed, pages);
            }

            using (page)
            {
                pages++;
                var root = page.RootElement;
                var metadata = root.TryGetProperty("metadata", out var value) ? value : default;
                if (pages == 1)
                {
                    // Every page is read from the first page's snapshot and carries its resourceVersion: the watch resumes there.
                    resourceVersion = StringAt(metadata, "resourceVersion");
                }

                if (root.TryGetProperty("items", out var items) && items.ValueKind == JsonValueKind.Array)
                {
                    foreach (var item in items.EnumerateArray())
                    {
                        if (item.ValueKind != JsonValueKind.Object)
                        {
                            throw new WatchErrorException($"The list of {_kind.Resource} holds something that is not an object: {Shorten(item.GetRawText())}");
                        }

                        seen.Add(Seen(item));
                    }
                }

                continueToken = StringAt(metadata, "continue");
            }
        }
        while (continueToken.Length > 0);

        var listed = new HashSet<ResourceKey>();
        var statuses = new Dictionary<string, LiveStatus>(StringComparer.Ordinal);
        var changes = new List<ResourceChange>();
        foreach (var one in seen)
        {
            listed.Add(one.Key);
            if (one.Status is { } status)
            {
                statuses[status.Key] = status.Value;
            }

            if (Accept(one) is { } change)
            {
                changes.Add(change);
            }
        }

        changes.AddRange(_known.Where(key => !listed.Contains(key)).Select(static key => new ResourceChange.Delete(key)).ToList());
        _known.RemoveWhere(key => !listed.Contains(key));
        foreach (var gone in _invalid.Where(origin => !listed.Any(key => Origin(key) == origin)).ToList())
        {
            ClearReport(gone);
        }

        if (_tracksStatus)
        {
            _context.Statuses.Replace(_kind.Kind, statuses);
        }

        ResourceVersion = resourceVersion;
        _context.Sink.Submit(_context.Source, changes);
        _context.Sink.Report(_context.Source, WatchOrigin, []);
        _context.Logger.Listed(_kind.Resource, listed.Count, pages, _resourceVersion);
        return new ListOutcome(ListEnd.Listed, pages);
    }

    /// <summary>
    /// One page of the kind's list, <see cref="KubernetesSourceOptions.ListPageSize"/> objects at most, the first when
    /// <paramref name="continueToken"/> is empty; null when the cluster does not serve the kind. A 404 alone does not say
    /// so: a built-in kind is always served (a 404 there is a wrong address or a broken proxy), and an API server that is
    /// starting answers 404 for a CRD it has not loaded yet, so a custom kind counts as not served only when its first
    /// page is answered 404 and discovery does not list it either. Taking it for empty would serve the mesh without it
    /// (AuthorizationPolicies without their DENY rules).
    /// </summary>
    private async Task<JsonDocument?> ListPageOrNullAsync(string continueToken, CancellationToken cancellationToken)
    {
        try
        {
            return await _context.Api.ListAsync(_kind.CollectionPath, _kind.FieldSelector, _context.Options.ListPageSize, continueToken, cancellationToken).ConfigureAwait(false);
        }
        catch (KubernetesApiException exception) when (exception.StatusCode == HttpStatusCode.NotFound && _kind.Group.Length > 0 && continueToken.Length == 0)
        {
            if (await _context.Api.ServesAsync(_kind.Group, _kind.Version, _kind.Plural, cancellationToken).ConfigureAwait(false))
            {
                throw;
            }

            return null;
        }
    }

    /// <summary>
    /// Follows one watch until it ends, or until its connection is taken for dead: <c>timeoutSeconds</c> is the server's
    /// to enforce, and a connection dropped without a close or reset (a NAT or load balancer forgetting the flow) would
    /// otherwise be read forever, so the watch is given up once open its timeout plus as long again (at most 30 s), as
    /// client-go gives its watches a client-side timeout.
    /// </summary>
    private async Task<WatchOutcome> WatchAsync(CancellationToken cancellationToken)
    {
        var timeout = TimeSpan.FromSeconds(Math.Max(1, (int)(_context.Options.WatchTimeout * (0.9 + (0.2 * Random.Shared.NextDouble()))).TotalSeconds));
        var deadline = timeout + TimeSpan.FromTicks(Math.Min(timeout.Ticks, MaxWatchGrace.Ticks));
        using var watchEnds = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        watchEnds.CancelAfter(deadline);
        try
        {
            return await FollowAsync(timeout, watchEnds.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (watchEnds.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            throw new WatchErrorException($"The watch was still open {deadline.TotalSeconds:0} s after it started, past its timeoutSeconds of {timeout.TotalSeconds:0}: its connection is taken for dead.");
        }
    }

    /// <summary>Follows one watch until the server ends it; every event is submitted as it comes.</summary>
    private async Task<WatchOutcome> FollowAsync(TimeSpan timeout, CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        using var response = await OpenWatchAsync(timeout, cancellationToken).ConfigureAwait(false);
        if (response is null)
        {
            return new WatchOutcome(WatchEnd.Gone, SawEvents: false);
        }

        _context.Sink.Report(_context.Source, WatchOrigin, []);
        var stream = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
        await using (stream.ConfigureAwait(false))
        {
            using var reader = new StreamReader(stream);
            var sawEvents = false;
            while (await reader.ReadLineAsync(cancellationToken).ConfigureAwait(false) is { } line)
            {
                if (line.Length == 0)
                {
                    continue;
                }

                sawEvents = true;
                using var watchEvent = JsonDocument.Parse(line);
                var root = watchEvent.RootElement;
                if (root.ValueKind != JsonValueKind.Object
                    || !root.TryGetProperty("type", out var typeValue) || typeValue.ValueKind != JsonValueKind.String
                    || !root.TryGetProperty("object", out var item) || item.ValueKind != JsonValueKind.Object)
                {
                    throw new WatchErrorException($"The watch sent something that is not an event with a type and an object: {Shorten(line)}");
                }

                var type = typeValue.GetString();
                switch (type)
                {
                    case "ADDED" or "MODIFIED":
                        var seen = Seen(item);
                        if (seen.Status is { } status)
                        {
                            _context.Statuses.Seen(_kind.Kind, status.Key, status.Value);
                        }

                        if (Accept(seen) is { } change)
                        {
                            _context.Sink.Submit(_context.Source, [change]);
                        }

                        break;
                    case "DELETED":
                        Deleted(item);
                        break;
                    case "BOOKMARK":
                        break;
                    case "ERROR":
                        if (item.TryGetProperty("code", out var code) && code.TryGetInt32(out var status410) && status410 == (int)HttpStatusCode.Gone)
                        {
                            return new WatchOutcome(WatchEnd.Gone, sawEvents);
                        }

                        throw new WatchErrorException(item.TryGetProperty("message", out var message) ? message.GetString() ?? item.GetRawText() : item.GetRawText());
                    default:
                        throw new WatchErrorException($"The watch sent an event of unknown type '{type}'.");
                }

                if (ResourceVersionOf(item) is { Length: > 0 } version)
                {
                    ResourceVersion = version;
                }
            }

            // client-go's "very short watch": a watch closed at once with nothing in it is a server or proxy that does not
            // keep watches open, and starting it again at once would loop as fast as the round trip.
            if (!sawEvents && Stopwatch.GetElapsedTime(started) < VeryShortWatch)
            {
                throw new WatchErrorException($"The watch ended after {Stopwatch.GetElapsedTime(started).TotalMilliseconds:0} ms with no event (a very short watch).");
            }

            return new WatchOutcome(WatchEnd.TimedOut, sawEvents);
        }
    }

    /// <summary>
    /// Opens a watch from the resume point; null when the request itself is refused with 410 Gone (some API servers and
    /// proxies answer so instead of with an ERROR event): the resume point is gone either way, so the kind is listed again.
    /// </summary>
    private async Task<HttpResponseMessage?> OpenWatchAsync(TimeSpan timeout, CancellationToken cancellationToken)
    {
        try
        {
            return await _context.Api.WatchAsync(_kind.CollectionPath, _kind.FieldSelector, _resourceVersion, timeout, cancellationToken).ConfigureAwait(false);
        }
        catch (KubernetesApiException exception) when (exception.StatusCode == HttpStatusCode.Gone)
        {
            return null;
        }
    }

    /// <summary>An object as it now is, read and validated, and its status; nothing is reported or remembered yet (<see cref="Accept"/>).</summary>
    private SeenObject Seen(JsonElement item)
    {
        var json = JsonNode.Parse(item.GetRawText())!.AsObject();
        // Items of a list carry no apiVersion or kind of their own.
        json["apiVersion"] ??= _kind.Model.ApiVersion;
        json["kind"] ??= _kind.Kind;
        var key = KeyOf(item);
        var origin = Origin(key);
        (string, LiveStatus)? status = _tracksStatus ? ($"{key.Namespace}/{key.Name}", new LiveStatus(json["status"], ResourceVersionOf(item) ?? string.Empty)) : null;
        return new SeenObject(key, _context.Decoder.Decode(json.ToJsonString(), origin), status);
    }

    /// <summary>
    /// Takes an object seen into account: reports it when it is invalid, else clears its report and remembers the engine
    /// has it; the upsert to submit, or null when it is invalid.
    /// </summary>
    private ResourceChange.Upsert? Accept(SeenObject seen)
    {
        var origin = Origin(seen.Key);
        if (seen.Decoded.Object is null)
        {
            // The last good version (if any) stays in the engine, as for a file that stops loading.
            _invalid.Add(origin);
            _context.Sink.Report(_context.Source, origin, seen.Decoded.Problems);
            _context.Logger.ObjectRefused(origin, string.Join("; ", seen.Decoded.Problems));
            return null;
        }

        ClearReport(origin);
        if (seen.Decoded.Warnings.Count > 0)
        {
            // Istio and kgateway drop fields their typed models lack too; said, so nothing is lost unseen.
            _context.Logger.ObjectReadWithWarnings(origin, string.Join("; ", seen.Decoded.Warnings));
        }

        _known.Add(seen.Key);
        return new ResourceChange.Upsert(seen.Decoded.Object);
    }

    private void Deleted(JsonElement item)
    {
        var key = KeyOf(item);
        ClearReport(Origin(key));
        if (_tracksStatus)
        {
            _context.Statuses.Gone(_kind.Kind, $"{key.Namespace}/{key.Name}");
        }

        if (_known.Remove(key))
        {
            _context.Sink.Submit(_context.Source, [new ResourceChange.Delete(key)]);
        }
    }

    private void ClearReport(string origin)
    {
        if (_invalid.Remove(origin))
        {
            _context.Sink.Report(_context.Source, origin, []);
        }
    }

    private ResourceKey KeyOf(JsonElement item)
    {
        var metadata = item.TryGetProperty("metadata", out var value) ? value : default;
        var ns = _kind.Model.Namespaced ? StringAt(metadata, "namespace") : string.Empty;
        return new ResourceKey(_kind.Group, _kind.Kind, ns, StringAt(metadata, "name"));
    }

    private static string Shorten(string text) => text.Length <= 200 ? text : text[..200] + "…";

    private static string Origin(ResourceKey key) => key.Namespace.Length == 0 ? $"{key.Kind} {key.Name}" : $"{key.Kind} {key.Namespace}/{key.Name}";

    private static string? ResourceVersionOf(JsonElement item)
        => item.TryGetProperty("metadata", out var metadata) ? StringAt(metadata, "resourceVersion") : null;

    private static string StringAt(JsonElement element, string property)
        => element.ValueKind == JsonValueKind.Object && element.TryGetProperty(property, out var value) && value.ValueKind == JsonValueKind.String
            ? value.GetString()!
            : string.Empty;

    /// <summary>An object read from a list or an event: its key, what decoding made of it, and its status.</summary>
    private sealed record SeenObject(ResourceKey Key, DecodedObject Decoded, (string Key, LiveStatus Value)? Status);

    /// <summary>How a list ended, and after how many pages.</summary>
    private sealed record ListOutcome(ListEnd End, int Pages);

    private enum ListEnd
    {
        /// <summary>Every page is in, submitted as one batch: watch from its resourceVersion.</summary>
        Listed,

        /// <summary>The cluster does not serve the kind (its CRD is not installed).</summary>
        NotServed,

        /// <summary>A continue token expired (410 Gone) before the last page: list again from the first.</summary>
        Expired,
    }

    /// <summary>How a watch ended, and whether it delivered anything (which resets the backoff).</summary>
    private sealed record WatchOutcome(WatchEnd End, bool SawEvents);

    private enum WatchEnd
    {
        /// <summary>The server closed it after <c>timeoutSeconds</c>: watch again from the same resourceVersion.</summary>
        TimedOut,

        /// <summary>The resourceVersion is too old (410 Gone): list again.</summary>
        Gone,
    }
}
