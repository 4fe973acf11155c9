using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using System.Threading.Channels;
using k8s;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using RulesMesh.Loading;

namespace RulesMesh.Server.Tests.Kubernetes;

/// <summary>
/// An in-process stand-in for kube-apiserver, the one stand-in these tests use: no kube-apiserver (nor etcd) can be
/// installed on the machines that run them, so the Kubernetes source is tested against this double over real HTTP on
/// loopback (Kestrel on 127.0.0.1, HTTP/1.1). It follows the API conventions for what the source uses:
/// <list type="bullet">
/// <item>list and watch of a collection across namespaces, with a <c>fieldSelector</c> when given
/// (<see cref="ApiFieldSelector"/>), and the collection's <c>metadata.resourceVersion</c> (items without
/// <c>apiVersion</c>/<c>kind</c>, as the server sends them, ordered by namespace and name as etcd's keys are);</item>
/// <item>lists in pages (<c>?limit=…&amp;continue=…</c>), as kube-apiserver serves them from etcd: every page comes from
/// the snapshot taken at the first (objects changed or deleted meanwhile show as they were) and carries its
/// resourceVersion; a page with more to come has an opaque <c>metadata.continue</c> and <c>metadata.remainingItemCount</c>;
/// a continue token whose snapshot is compacted away (<see cref="Compact"/>), or on demand
/// (<see cref="ExpireNextContinue"/>), is answered 410 Gone with a <c>Status</c> of reason <c>Expired</c>; and a change can
/// be made between two pages (<see cref="BeforeNextContinue"/>);</item>
/// <item>watch (<c>?watch=1&amp;resourceVersion=…&amp;allowWatchBookmarks=true&amp;timeoutSeconds=…</c>): one JSON event per
/// line over a chunked response, ADDED/MODIFIED/DELETED for every change after the given resourceVersion, BOOKMARK on
/// demand (<see cref="SendBookmarks"/>), and, when the version is older than the last compaction
/// (<see cref="Compact"/>), a single ERROR event carrying a 410 <c>Status</c> (reason <c>Expired</c>);</item>
/// <item>dropped connections on demand (<see cref="DropWatches"/>), and a window in which changes happen while no watch
/// can connect (<see cref="WhileDisconnectedAsync"/>);</item>
/// <item>the status subresource: get (the whole object), and a merge patch of <c>status</c> only, which bumps the resourceVersion and sends MODIFIED,
/// refused with 409 Conflict when it names a <c>metadata.resourceVersion</c> that is not the stored one (and a write of
/// another controller slipped in before the next patch on demand: <see cref="PutBeforeNextStatusPatch"/>), and refused
/// with 500 on demand (<see cref="FailNextStatusPatches"/>), as a server that cannot reach etcd does;</item>
/// <item>404 for a collection it is told not to serve (<see cref="Unserve"/>), as for a CRD that is not installed, which
/// discovery (<c>GET /apis/&lt;group&gt;/&lt;version&gt;</c>, an <c>APIResourceList</c>) then leaves out too (404 when
/// the group version has no resource left); 404 on the next lists of a collection that discovery still lists
/// (<see cref="AnswerNotFoundToNextLists"/>), as an API server that is starting answers for a CRD it has not loaded yet;</item>
/// <item>every request under a path prefix (<see cref="StartAsync(string)"/>), as Rancher's cluster proxy
/// (<c>/k8s/clusters/&lt;id&gt;</c>) or <c>kubectl proxy --api-prefix</c> serve the API, and 404 for a path without it;</item>
/// <item>a watch that ends at once with no event (<see cref="EndWatchesAtOnce"/>), and 410 Gone answered as the HTTP
/// status of the watch request itself rather than as an ERROR event (<see cref="AnswerGoneAsHttpStatus"/>);</item>
/// <item>get, create and update of any namespaced object (the source's Lease), update refused with 409 Conflict when
/// <c>metadata.resourceVersion</c> is not the stored one, create with 409 when the object exists.</item>
/// </list>
/// One resourceVersion counter serves every collection, as etcd's revision does.
/// </summary>
internal sealed class KubernetesApiDouble : IAsyncDisposable
{
    /// <summary>kube-apiserver's own words for a continue token whose revision etcd has compacted.</summary>
    private const string ContinueExpiredMessage = "The provided continuation parameter is too old to display a consistent list result. You can start a new list without the continue parameter, or use the continue token in this response to retrieve the remainder of the results. Continuing with the provided token results in an inconsistent list - objects that were created, modified, or deleted between the time the first chunk was returned and now may show up in the list.";

    private readonly object _lock = new();
    private readonly Dictionary<string, Collection> _collections = new(StringComparer.Ordinal);
    private readonly List<WatchRequest> _watchRequests = [];
    private readonly Dictionary<string, int> _lists = new(StringComparer.Ordinal);
    private readonly List<ListRequest> _listRequests = [];
    private readonly Dictionary<string, Action> _beforeNextContinue = new(StringComparer.Ordinal);
    private readonly HashSet<string> _expiringContinues = new(StringComparer.Ordinal);
    private readonly List<StatusPatch> _statusPatches = [];
    private readonly HashSet<string> _unserved = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int> _listsAnsweredNotFound = new(StringComparer.Ordinal);
    private readonly WebApplication _app;
    private readonly string _pathPrefix;
    private bool _endWatchesAtOnce;
    private bool _goneAsHttpStatus;
    private long _revision = 100;
    private TaskCompletionSource? _watchGate;
    private JsonObject? _racingWrite;
    private int _failingStatusPatches;
    private bool _refusingStatusPatches;
    private int _refusedStatusPatches;
    private int _statusConflicts;

    private KubernetesApiDouble(WebApplication app, string pathPrefix)
    {
        _app = app;
        _pathPrefix = pathPrefix;
        app.Run(HandleAsync);
    }

    /// <summary>The server's base address.</summary>
    public Uri Address { get; private set; } = null!;

    /// <summary>Starts a double on a free loopback port, serving the API under <paramref name="pathPrefix"/> (none by default).</summary>
    public static async Task<KubernetesApiDouble> StartAsync(string pathPrefix = "")
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(options => options.Listen(IPAddress.Loopback, 0, listen => listen.Protocols = HttpProtocols.Http1));
        var server = new KubernetesApiDouble(builder.Build(), pathPrefix);
        await server._app.StartAsync();
        var address = server._app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        server.Address = new Uri(address);
        return server;
    }

    /// <summary>A client of this server, as <c>rulesmesh serve --kubeconfig</c> would build for a real one.</summary>
    public k8s.Kubernetes Client() => new(Configuration());

    /// <summary>The client configuration a kubeconfig naming this server (with its path prefix) gives.</summary>
    public KubernetesClientConfiguration Configuration() => new() { Host = new Uri(Address, _pathPrefix).ToString() };

    /// <summary>The resourceVersion of the last change.</summary>
    public long Revision
    {
        get
        {
            lock (_lock)
            {
                return _revision;
            }
        }
    }

    /// <summary>Every watch request so far: its path and the resourceVersion it resumed from.</summary>
    public IReadOnlyList<WatchRequest> WatchRequests
    {
        get
        {
            lock (_lock)
            {
                return [.. _watchRequests];
            }
        }
    }

    /// <summary>Every status patch so far.</summary>
    public IReadOnlyList<StatusPatch> StatusPatches
    {
        get
        {
            lock (_lock)
            {
                return [.. _statusPatches];
            }
        }
    }

    /// <summary>Status patches refused with 409 Conflict because they named a resourceVersion the object no longer has.</summary>
    public int StatusConflicts
    {
        get
        {
            lock (_lock)
            {
                return _statusConflicts;
            }
        }
    }

    /// <summary>
    /// Stores <paramref name="item"/> (as <see cref="Put"/> does) just before the next status patch is looked at: another
    /// controller's write landing between the client's read and its patch.
    /// </summary>
    public void PutBeforeNextStatusPatch(JsonObject item)
    {
        lock (_lock)
        {
            _racingWrite = item;
        }
    }

    /// <summary>Refuses the next <paramref name="count"/> status patches with 500 Internal Server Error, changing nothing.</summary>
    public void FailNextStatusPatches(int count)
    {
        lock (_lock)
        {
            _failingStatusPatches = count;
        }
    }

    /// <summary>
    /// Refuses every status patch with 422 Unprocessable Entity from now on, as the API server refuses a status its CRD's
    /// schema does not accept; <see cref="RefusedStatusPatches"/> counts them.
    /// </summary>
    public void RefuseStatusPatches()
    {
        lock (_lock)
        {
            _refusingStatusPatches = true;
        }
    }

    /// <summary>Status patches refused with 422 so far.</summary>
    public int RefusedStatusPatches
    {
        get
        {
            lock (_lock)
            {
                return _refusedStatusPatches;
            }
        }
    }

    /// <summary>Watches open now.</summary>
    public int OpenWatches
    {
        get
        {
            lock (_lock)
            {
                return _collections.Values.Sum(static collection => collection.Watchers.Count);
            }
        }
    }

    /// <summary>How often <paramref name="collectionPath"/> was listed (lists started: requests without a continue token).</summary>
    public int ListCount(string collectionPath)
    {
        lock (_lock)
        {
            return _lists.GetValueOrDefault(collectionPath);
        }
    }

    /// <summary>Every list request of <paramref name="collectionPath"/> so far, first pages and continued ones, and how each was answered.</summary>
    public IReadOnlyList<ListRequest> ListRequests(string collectionPath)
    {
        lock (_lock)
        {
            return [.. _listRequests.Where(request => request.CollectionPath == collectionPath)];
        }
    }

    /// <summary>
    /// Runs <paramref name="change"/> (<see cref="Put"/>, <see cref="Delete"/>) just before the next continued list
    /// request of <paramref name="collectionPath"/> is answered: a change landing between two pages of a list.
    /// </summary>
    public void BeforeNextContinue(string collectionPath, Action change)
    {
        lock (_lock)
        {
            _beforeNextContinue[collectionPath] = change;
        }
    }

    /// <summary>
    /// Answers the next continued list request of <paramref name="collectionPath"/> with 410 Gone (reason <c>Expired</c>),
    /// as kube-apiserver does when etcd has compacted the revision of the list's first page.
    /// </summary>
    public void ExpireNextContinue(string collectionPath)
    {
        lock (_lock)
        {
            _expiringContinues.Add(collectionPath);
        }
    }

    /// <summary>
    /// Creates or replaces <paramref name="item"/> (its apiVersion, kind, namespace and name; the kind's plural from the
    /// model registry), sending ADDED or MODIFIED; returns the resourceVersion given to it.
    /// </summary>
    public long Put(JsonObject item)
    {
        var (path, ns, name) = Locate(item);
        lock (_lock)
        {
            var collection = CollectionAt(path);
            var type = collection.Objects.ContainsKey((ns, name)) ? "MODIFIED" : "ADDED";
            return Store(collection, ns, name, (JsonObject)item.DeepClone(), type);
        }
    }

    /// <summary>Deletes the object, sending DELETED; false when there is none.</summary>
    public bool Delete(string apiVersion, string kind, string ns, string name)
    {
        var (path, _, _) = Locate(new JsonObject { ["apiVersion"] = apiVersion, ["kind"] = kind, ["metadata"] = new JsonObject { ["name"] = name } });
        lock (_lock)
        {
            var collection = CollectionAt(path);
            if (!collection.Objects.Remove((ns, name), out var gone))
            {
                return false;
            }

            gone = (JsonObject)gone.DeepClone();
            gone["metadata"]!["resourceVersion"] = (++_revision).ToString(CultureInfo.InvariantCulture);
            Send(collection, _revision, "DELETED", gone);
            return true;
        }
    }

    /// <summary>The object as stored, or null.</summary>
    public JsonObject? Get(string collectionPath, string ns, string name)
    {
        lock (_lock)
        {
            return CollectionAt(collectionPath).Objects.TryGetValue((ns, name), out var item) ? (JsonObject)item.DeepClone() : null;
        }
    }

    /// <summary>From now on <paramref name="collectionPath"/> answers 404, as a kind whose CRD is not installed does.</summary>
    public void Unserve(string collectionPath)
    {
        lock (_lock)
        {
            _unserved.Add(collectionPath);
        }
    }

    /// <summary>
    /// The next <paramref name="count"/> lists of <paramref name="collectionPath"/> answer 404 while discovery still lists
    /// it, as an API server that is starting answers for a CRD it has not loaded yet.
    /// </summary>
    public void AnswerNotFoundToNextLists(string collectionPath, int count)
    {
        lock (_lock)
        {
            _listsAnsweredNotFound[collectionPath] = count;
        }
    }

    /// <summary>From now on every watch answers 200 and ends at once with no event (<paramref name="atOnce"/> true).</summary>
    public void EndWatchesAtOnce(bool atOnce)
    {
        lock (_lock)
        {
            _endWatchesAtOnce = atOnce;
        }
    }

    /// <summary>From now on a watch from a compacted resourceVersion is refused with HTTP 410 Gone instead of an ERROR event.</summary>
    public void AnswerGoneAsHttpStatus()
    {
        lock (_lock)
        {
            _goneAsHttpStatus = true;
        }
    }

    /// <summary>Sends every watch that asked for bookmarks a BOOKMARK at the current resourceVersion.</summary>
    public void SendBookmarks()
    {
        lock (_lock)
        {
            foreach (var collection in _collections.Values)
            {
                foreach (var watcher in collection.Watchers.Where(static watcher => watcher.Bookmarks))
                {
                    var bookmark = new JsonObject
                    {
                        ["type"] = "BOOKMARK",
                        ["object"] = new JsonObject { ["metadata"] = new JsonObject { ["resourceVersion"] = _revision.ToString(CultureInfo.InvariantCulture) } },
                    };
                    watcher.Events.Writer.TryWrite(bookmark.ToJsonString());
                }
            }
        }
    }

    /// <summary>
    /// Forgets the history: a watch from any resourceVersion before now, and a list continued from a page listed before
    /// now, get 410 Gone.
    /// </summary>
    public void Compact()
    {
        lock (_lock)
        {
            foreach (var collection in _collections.Values)
            {
                collection.History.Clear();
                collection.CompactedAt = _revision;
            }
        }
    }

    /// <summary>Drops every open watch connection, as a restarting API server or a broken network would.</summary>
    public void DropWatches()
    {
        lock (_lock)
        {
            foreach (var watcher in _collections.Values.SelectMany(static collection => collection.Watchers))
            {
                watcher.Events.Writer.TryComplete(new IOException("dropped"));
            }
        }
    }

    /// <summary>
    /// Drops every watch, holds new ones back while <paramref name="change"/> runs and the history is compacted, then
    /// lets them in: a client that comes back finds its resourceVersion gone (410).
    /// </summary>
    public async Task WhileDisconnectedAsync(Action change)
    {
        lock (_lock)
        {
            _watchGate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        }

        DropWatches();
        await WaitUntilAsync(() => OpenWatches == 0, "every watch to close");
        change();
        Compact();
        TaskCompletionSource gate;
        lock (_lock)
        {
            gate = _watchGate!;
            _watchGate = null;
        }

        gate.SetResult();
    }

    /// <summary>Waits (at most 10 s) until <paramref name="condition"/> holds.</summary>
    public static async Task WaitUntilAsync(Func<bool> condition, string what)
    {
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (!condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"Waited 10 s for {what}.");
            }

            await Task.Delay(10);
        }
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        DropWatches();
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    private static (string Path, string Namespace, string Name) Locate(JsonObject item)
    {
        var apiVersion = (string)item["apiVersion"]!;
        var kind = (string)item["kind"]!;
        if (!ModelRegistry.Default.TryGet(apiVersion, kind, out var model))
        {
            throw new ArgumentException($"No model for {apiVersion} {kind}.", nameof(item));
        }

        var ns = model.Namespaced ? (string?)item["metadata"]?["namespace"] ?? "default" : string.Empty;
        return ($"{(model.Group.Length == 0 ? "/api" : "/apis/" + model.Group)}/{model.Version}/{model.Plural}", ns, (string)item["metadata"]!["name"]!);
    }

    private Collection CollectionAt(string path)
    {
        if (!_collections.TryGetValue(path, out var collection))
        {
            collection = new Collection();
            _collections[path] = collection;
        }

        return collection;
    }

    /// <summary>Stores the object at a new resourceVersion and tells the watches.</summary>
    private long Store(Collection collection, string ns, string name, JsonObject item, string type)
    {
        var metadata = item["metadata"] as JsonObject ?? [];
        item["metadata"] = metadata;
        metadata["resourceVersion"] = (++_revision).ToString(CultureInfo.InvariantCulture);
        metadata["uid"] ??= Guid.NewGuid().ToString();
        collection.Objects[(ns, name)] = item;
        Send(collection, _revision, type, item);
        return _revision;
    }

    private static void Send(Collection collection, long revision, string type, JsonObject item)
    {
        var line = new JsonObject { ["type"] = type, ["object"] = item.DeepClone() }.ToJsonString();
        collection.History.Add((revision, line));
        foreach (var watcher in collection.Watchers)
        {
            watcher.Events.Writer.TryWrite(line);
        }
    }

    private async Task HandleAsync(HttpContext context)
    {
        var path = context.Request.Path.Value ?? string.Empty;
        if (!path.StartsWith(_pathPrefix + "/", StringComparison.Ordinal))
        {
            await WriteStatusAsync(context, HttpStatusCode.NotFound, "NotFound", "the server could not find the requested resource");
            return;
        }

        path = path[_pathPrefix.Length..];
        if (path.Trim('/').Split('/') is ["apis", var group, var version] && context.Request.Method == "GET")
        {
            await DiscoveryAsync(context, group, version);
            return;
        }

        var request = Route.Parse(path);
        if (request is null)
        {
            await WriteStatusAsync(context, HttpStatusCode.NotFound, "NotFound", "the server could not find the requested resource");
            return;
        }

        var method = context.Request.Method;
        bool unserved;
        lock (_lock)
        {
            unserved = _unserved.Contains(request.CollectionPath);
            if (request.Name is null && method == "GET" && context.Request.Query["watch"].Count == 0 && _listsAnsweredNotFound.GetValueOrDefault(request.CollectionPath) > 0)
            {
                _listsAnsweredNotFound[request.CollectionPath]--;
                unserved = true;
            }
        }

        if (unserved)
        {
            await WriteStatusAsync(context, HttpStatusCode.NotFound, "NotFound", "the server could not find the requested resource");
        }
        else if (request.Name is null && method == "GET" && context.Request.Query["watch"] is ["1" or "true"])
        {
            await WatchAsync(context, request);
        }
        else if (request.Name is null && method == "GET")
        {
            await ListAsync(context, request);
        }
        else if (request.Name is not null && request.Subresource is (null or "status") && method == "GET")
        {
            var item = Get(request.CollectionPath, request.Namespace, request.Name);
            await (item is null
                ? WriteStatusAsync(context, HttpStatusCode.NotFound, "NotFound", $"{request.Plural} \"{request.Name}\" not found")
                : WriteJsonAsync(context, HttpStatusCode.OK, item));
        }
        else if (request.Name is null && method == "POST")
        {
            await CreateAsync(context, request);
        }
        else if (request.Name is not null && request.Subresource is null && method == "PUT")
        {
            await UpdateAsync(context, request);
        }
        else if (request.Name is not null && request.Subresource == "status" && method == "PATCH")
        {
            await PatchStatusAsync(context, request);
        }
        else
        {
            await WriteStatusAsync(context, HttpStatusCode.MethodNotAllowed, "MethodNotAllowed", $"{method} is not supported here");
        }
    }

    /// <summary>The group version's <c>APIResourceList</c>: every kind the model registry has in it that is served; 404 when none is.</summary>
    private async Task DiscoveryAsync(HttpContext context, string group, string version)
    {
        var resources = new JsonArray();
        lock (_lock)
        {
            foreach (var model in ModelRegistry.Default.Models.Where(model => model.Group == group && model.Version == version))
            {
                if (!_unserved.Contains($"/apis/{group}/{version}/{model.Plural}"))
                {
                    resources.Add(new JsonObject { ["name"] = model.Plural, ["kind"] = model.Kind, ["namespaced"] = model.Namespaced, ["verbs"] = new JsonArray("get", "list", "watch") });
                }
            }
        }

        await (resources.Count == 0
            ? WriteStatusAsync(context, HttpStatusCode.NotFound, "NotFound", "the server could not find the requested resource")
            : WriteJsonAsync(context, HttpStatusCode.OK, new JsonObject { ["kind"] = "APIResourceList", ["apiVersion"] = "v1", ["groupVersion"] = $"{group}/{version}", ["resources"] = resources }));
    }

    private async Task ListAsync(HttpContext context, Route request)
    {
        var query = context.Request.Query;
        int? limit = int.TryParse(query["limit"], NumberStyles.None, CultureInfo.InvariantCulture, out var given) && given > 0 ? given : null;
        var continueToken = query["continue"].ToString();
        var selector = new ApiFieldSelector(query["fieldSelector"].ToString());
        JsonObject? list = null;
        lock (_lock)
        {
            var collection = CollectionAt(request.CollectionPath);
            ListSnapshot? snapshot;
            var start = 0;
            if (continueToken.Length == 0)
            {
                _lists[request.CollectionPath] = _lists.GetValueOrDefault(request.CollectionPath) + 1;
                snapshot = new ListSnapshot(_revision, [.. collection.Objects.OrderBy(static entry => entry.Key.Namespace, StringComparer.Ordinal).ThenBy(static entry => entry.Key.Name, StringComparer.Ordinal).Select(static entry => entry.Value).Where(selector.Matches).Select(static item => item.DeepClone().AsObject())]);
            }
            else
            {
                if (_beforeNextContinue.Remove(request.CollectionPath, out var change))
                {
                    change();
                }

                snapshot = ContinuedSnapshot(collection, continueToken, out start);
                if (_expiringContinues.Remove(request.CollectionPath))
                {
                    snapshot = null;
                }
            }

            if (snapshot is not null)
            {
                var page = snapshot.Items.Skip(start).Take(limit ?? int.MaxValue).ToList();
                var metadata = new JsonObject { ["resourceVersion"] = snapshot.Revision.ToString(CultureInfo.InvariantCulture) };
                var next = start + page.Count;
                if (next < snapshot.Items.Count)
                {
                    // Later pages are read at the first page's revision, as etcd reads them: kept until the double stops.
                    collection.Snapshots[snapshot.Revision] = snapshot;
                    metadata["continue"] = ContinueToken(snapshot.Revision, next);
                    metadata["remainingItemCount"] = snapshot.Items.Count - next;
                }

                var items = new JsonArray();
                foreach (var item in page)
                {
                    var copy = item.DeepClone().AsObject();
                    copy.Remove("apiVersion");
                    copy.Remove("kind");
                    items.Add(copy);
                }

                list = new JsonObject { ["kind"] = "List", ["apiVersion"] = "v1", ["metadata"] = metadata, ["items"] = items };
                _listRequests.Add(new ListRequest(request.CollectionPath, limit, continueToken, HttpStatusCode.OK, snapshot.Revision, [.. page.Select(static item => $"{item["metadata"]?["namespace"]}/{item["metadata"]?["name"]}")]));
            }
            else
            {
                _listRequests.Add(new ListRequest(request.CollectionPath, limit, continueToken, HttpStatusCode.Gone, 0, []));
            }
        }

        await (list is null
            ? WriteStatusAsync(context, HttpStatusCode.Gone, "Expired", ContinueExpiredMessage)
            : WriteJsonAsync(context, HttpStatusCode.OK, list));
    }

    /// <summary>An opaque continue token: the snapshot's revision and where the next page starts in it, base64 as kube-apiserver's.</summary>
    private static string ContinueToken(long revision, int start)
        => Convert.ToBase64String(Encoding.UTF8.GetBytes(new JsonObject { ["v"] = "meta.k8s.io/v1", ["rv"] = revision, ["start"] = start }.ToJsonString()));

    /// <summary>The snapshot a continue token reads from, and where in it; null when that revision is compacted away.</summary>
    private static ListSnapshot? ContinuedSnapshot(Collection collection, string continueToken, out int start)
    {
        var token = JsonNode.Parse(Convert.FromBase64String(continueToken))!;
        var revision = (long)token["rv"]!;
        start = (int)token["start"]!;
        return revision >= collection.CompactedAt && collection.Snapshots.TryGetValue(revision, out var snapshot) ? snapshot : null;
    }

    private async Task WatchAsync(HttpContext context, Route request)
    {
        Task? gate;
        lock (_lock)
        {
            gate = _watchGate?.Task;
        }

        if (gate is not null)
        {
            await gate;
        }

        var query = context.Request.Query;
        var from = long.Parse(query["resourceVersion"].ToString() is { Length: > 0 } text ? text : "0", CultureInfo.InvariantCulture);
        var bookmarks = query["allowWatchBookmarks"] is ["true" or "1"];
        var selector = new ApiFieldSelector(query["fieldSelector"].ToString());
        var timeout = int.TryParse(query["timeoutSeconds"], CultureInfo.InvariantCulture, out var seconds) ? TimeSpan.FromSeconds(seconds) : TimeSpan.FromMinutes(30);
        var watcher = new Watcher(bookmarks);
        Collection collection;
        bool refusedAsGone;
        lock (_lock)
        {
            _watchRequests.Add(new WatchRequest(request.CollectionPath, from, bookmarks));
            collection = CollectionAt(request.CollectionPath);
            refusedAsGone = from < collection.CompactedAt && _goneAsHttpStatus;
            if (_endWatchesAtOnce || refusedAsGone)
            {
                watcher.Events.Writer.TryComplete();
            }
            else if (from < collection.CompactedAt)
            {
                var gone = new JsonObject
                {
                    ["kind"] = "Status",
                    ["apiVersion"] = "v1",
                    ["metadata"] = new JsonObject(),
                    ["status"] = "Failure",
                    ["message"] = $"too old resource version: {from} ({collection.CompactedAt})",
                    ["reason"] = "Expired",
                    ["code"] = 410,
                };
                watcher.Events.Writer.TryWrite(new JsonObject { ["type"] = "ERROR", ["object"] = gone }.ToJsonString());
                watcher.Events.Writer.TryComplete();
            }
            else
            {
                foreach (var (_, line) in collection.History.Where(entry => entry.Revision > from))
                {
                    watcher.Events.Writer.TryWrite(line);
                }

                collection.Watchers.Add(watcher);
            }
        }

        if (refusedAsGone)
        {
            await WriteStatusAsync(context, HttpStatusCode.Gone, "Expired", $"too old resource version: {from} ({collection.CompactedAt})");
            return;
        }

        context.Response.StatusCode = (int)HttpStatusCode.OK;
        context.Response.ContentType = "application/json";
        using var ends = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted);
        ends.CancelAfter(timeout);
        try
        {
            await context.Response.StartAsync(ends.Token);
            await foreach (var line in watcher.Events.Reader.ReadAllAsync(ends.Token))
            {
                // Only objects the selector selects (the source selects on Secrets' type, which never changes, so an object
                // never moves in or out of the selection: kube-apiserver's ADDED/DELETED for that case is not needed here).
                if (JsonNode.Parse(line)?["type"]?.GetValue<string>() is "ADDED" or "MODIFIED" or "DELETED" && !selector.Matches(JsonNode.Parse(line)?["object"]))
                {
                    continue;
                }

                await context.Response.WriteAsync(line + "\n", Encoding.UTF8, ends.Token);
                await context.Response.Body.FlushAsync(ends.Token);
            }
        }
        catch (Exception exception) when (exception is IOException or ChannelClosedException)
        {
            // Dropped on purpose: cut the connection instead of ending the response.
            context.Abort();
        }
        catch (OperationCanceledException)
        {
            // Timed out (the response ends normally) or the client went away.
        }
        finally
        {
            lock (_lock)
            {
                collection.Watchers.Remove(watcher);
            }
        }
    }

    private async Task CreateAsync(HttpContext context, Route request)
    {
        var item = (await JsonNode.ParseAsync(context.Request.Body))!.AsObject();
        var name = (string?)item["metadata"]?["name"] ?? string.Empty;
        JsonObject stored;
        lock (_lock)
        {
            var collection = CollectionAt(request.CollectionPath);
            if (collection.Objects.ContainsKey((request.Namespace, name)))
            {
                stored = null!;
            }
            else
            {
                item["metadata"]!["namespace"] = request.Namespace;
                Store(collection, request.Namespace, name, item, "ADDED");
                stored = (JsonObject)item.DeepClone();
            }
        }

        await (stored is null
            ? WriteStatusAsync(context, HttpStatusCode.Conflict, "AlreadyExists", $"{request.Plural} \"{name}\" already exists")
            : WriteJsonAsync(context, HttpStatusCode.Created, stored));
    }

    private async Task UpdateAsync(HttpContext context, Route request)
    {
        var item = (await JsonNode.ParseAsync(context.Request.Body))!.AsObject();
        var given = (string?)item["metadata"]?["resourceVersion"];
        JsonObject? stored = null;
        string? conflict = null;
        lock (_lock)
        {
            var collection = CollectionAt(request.CollectionPath);
            if (!collection.Objects.TryGetValue((request.Namespace, request.Name!), out var current))
            {
                conflict = "NotFound";
            }
            else if ((string?)current["metadata"]?["resourceVersion"] != given)
            {
                conflict = "Conflict";
            }
            else
            {
                Store(collection, request.Namespace, request.Name!, item, "MODIFIED");
                stored = (JsonObject)item.DeepClone();
            }
        }

        await (conflict switch
        {
            "NotFound" => WriteStatusAsync(context, HttpStatusCode.NotFound, "NotFound", $"{request.Plural} \"{request.Name}\" not found"),
            "Conflict" => WriteStatusAsync(context, HttpStatusCode.Conflict, "Conflict", $"Operation cannot be fulfilled on {request.Plural} \"{request.Name}\": the object has been modified; please apply your changes to the latest version and try again"),
            _ => WriteJsonAsync(context, HttpStatusCode.OK, stored!),
        });
    }

    private async Task PatchStatusAsync(HttpContext context, Route request)
    {
        if (context.Request.ContentType?.StartsWith("application/merge-patch+json", StringComparison.Ordinal) != true)
        {
            await WriteStatusAsync(context, HttpStatusCode.UnsupportedMediaType, "UnsupportedMediaType", $"the body of the request was in an unknown format: {context.Request.ContentType}");
            return;
        }

        bool failing;
        bool refusing;
        lock (_lock)
        {
            failing = _failingStatusPatches > 0;
            _failingStatusPatches -= failing ? 1 : 0;
            refusing = _refusingStatusPatches;
            _refusedStatusPatches += refusing ? 1 : 0;
        }

        if (refusing)
        {
            await WriteStatusAsync(context, HttpStatusCode.UnprocessableEntity, "Invalid", $"{request.Plural}.gateway.networking.k8s.io \"{request.Name}\" is invalid: status.parents[0].controllerName: Invalid value: \"kgateway\": status.parents[0].controllerName in body should match '^[a-z0-9]'");
            return;
        }

        if (failing)
        {
            await WriteStatusAsync(context, HttpStatusCode.InternalServerError, "InternalError", "Internal error occurred: etcdserver: request timed out");
            return;
        }

        var patch = (await JsonNode.ParseAsync(context.Request.Body))!.AsObject();
        JsonObject? stored = null;
        var conflict = false;
        lock (_lock)
        {
            if (_racingWrite is { } racing)
            {
                _racingWrite = null;
                Put(racing);
            }

            var collection = CollectionAt(request.CollectionPath);
            var precondition = (string?)patch["metadata"]?["resourceVersion"];
            if (collection.Objects.TryGetValue((request.Namespace, request.Name!), out var current)
                && precondition is not null && (string?)current["metadata"]?["resourceVersion"] != precondition)
            {
                // A patch naming a resourceVersion applies only to that version, as the API server's optimistic concurrency does.
                conflict = true;
                _statusConflicts++;
            }
            else if (current is not null)
            {
                var item = (JsonObject)current.DeepClone();
                // The status subresource changes status only, whatever else the patch says.
                var status = MergePatch(item["status"]?.DeepClone(), patch["status"]);
                item.Remove("status");
                if (status is not null)
                {
                    item["status"] = status;
                }

                _statusPatches.Add(new StatusPatch(request.CollectionPath, request.Namespace, request.Name!, patch.ToJsonString()));
                Store(collection, request.Namespace, request.Name!, item, "MODIFIED");
                stored = (JsonObject)item.DeepClone();
            }
        }

        await (conflict
            ? WriteStatusAsync(context, HttpStatusCode.Conflict, "Conflict", $"Operation cannot be fulfilled on {request.Plural} \"{request.Name}\": the object has been modified; please apply your changes to the latest version and try again")
            : stored is null
            ? WriteStatusAsync(context, HttpStatusCode.NotFound, "NotFound", $"{request.Plural} \"{request.Name}\" not found")
            : WriteJsonAsync(context, HttpStatusCode.OK, stored));
    }

    /// <summary>RFC 7386, written here apart from the source's own so the double does not take the code under test on trust.</summary>
    private static JsonNode? MergePatch(JsonNode? target, JsonNode? patch)
    {
        if (patch is not JsonObject patchObject)
        {
            return patch?.DeepClone();
        }

        var result = target is JsonObject targetObject ? (JsonObject)targetObject.DeepClone() : [];
        foreach (var (key, value) in patchObject)
        {
            if (value is null)
            {
                result.Remove(key);
            }
            else
            {
                var merged = MergePatch(result[key]?.DeepClone(), value);
                result.Remove(key);
                result[key] = merged;
            }
        }

        return result;
    }

    private static Task WriteStatusAsync(HttpContext context, HttpStatusCode code, string reason, string message)
        => WriteJsonAsync(context, code, new JsonObject
        {
            ["kind"] = "Status",
            ["apiVersion"] = "v1",
            ["metadata"] = new JsonObject(),
            ["status"] = "Failure",
            ["message"] = message,
            ["reason"] = reason,
            ["code"] = (int)code,
        });

    private static async Task WriteJsonAsync(HttpContext context, HttpStatusCode code, JsonNode body)
    {
        context.Response.StatusCode = (int)code;
        context.Response.ContentType = "application/json";
        await context.Response.WriteAsync(body.ToJsonString(), Encoding.UTF8);
    }

    /// <summary>One watch request: the collection, the resourceVersion it started from, whether it asked for bookmarks.</summary>
    public sealed record WatchRequest(string CollectionPath, long ResourceVersion, bool Bookmarks);

    /// <summary>
    /// One list request: the collection, its <c>limit</c> and <c>continue</c> (empty for a first page), and the answer: its
    /// HTTP status, the resourceVersion of the page (0 when refused) and the objects in it (<c>namespace/name</c>).
    /// </summary>
    public sealed record ListRequest(string CollectionPath, int? Limit, string Continue, HttpStatusCode Status, long ResourceVersion, IReadOnlyList<string> Objects);

    /// <summary>A collection's objects as they were at <paramref name="Revision"/>, in list order: what the pages of one list are read from.</summary>
    private sealed record ListSnapshot(long Revision, IReadOnlyList<JsonObject> Items);

    /// <summary>One status patch: the object and the body as sent.</summary>
    public sealed record StatusPatch(string CollectionPath, string Namespace, string Name, string Body);

    /// <summary>A collection's objects, its change history since the last compaction, and its open watches.</summary>
    private sealed class Collection
    {
        public Dictionary<(string Namespace, string Name), JsonObject> Objects { get; } = [];

        public List<(long Revision, string Line)> History { get; } = [];

        public List<Watcher> Watchers { get; } = [];

        public long CompactedAt { get; set; }

        /// <summary>The snapshots of lists with pages still to come, by revision.</summary>
        public Dictionary<long, ListSnapshot> Snapshots { get; } = [];
    }

    /// <summary>An open watch: the lines still to send; completed with an error to drop the connection.</summary>
    private sealed class Watcher(bool bookmarks)
    {
        public bool Bookmarks { get; } = bookmarks;

        public Channel<string> Events { get; } = Channel.CreateUnbounded<string>();
    }

    /// <summary>A request path taken apart: <c>/api/v1/…</c> or <c>/apis/&lt;group&gt;/&lt;version&gt;/…</c>, then <c>[namespaces/&lt;ns&gt;/]&lt;plural&gt;[/&lt;name&gt;[/&lt;subresource&gt;]]</c>.</summary>
    private sealed record Route(string CollectionPath, string Plural, string Namespace, string? Name, string? Subresource)
    {
        public static Route? Parse(string path)
        {
            var segments = path.Trim('/').Split('/').Select(Uri.UnescapeDataString).ToArray();
            string prefix;
            string[] rest;
            if (segments is ["api", var version, .. var coreRest])
            {
                prefix = $"/api/{version}";
                rest = coreRest;
            }
            else if (segments is ["apis", var group, var groupVersion, .. var groupRest])
            {
                prefix = $"/apis/{group}/{groupVersion}";
                rest = groupRest;
            }
            else
            {
                return null;
            }

            return rest switch
            {
                ["namespaces", var ns, var plural, .. var tail] when tail.Length <= 2
                    => new Route($"{prefix}/{plural}", plural, ns, tail.ElementAtOrDefault(0), tail.ElementAtOrDefault(1)),
                [var plural, .. var tail] when tail.Length <= 2
                    => new Route($"{prefix}/{plural}", plural, string.Empty, tail.ElementAtOrDefault(0), tail.ElementAtOrDefault(1)),
                _ => null,
            };
        }
    }
}
