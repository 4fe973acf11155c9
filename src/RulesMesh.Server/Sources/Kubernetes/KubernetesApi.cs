using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace RulesMesh.Server.Sources.Kubernetes;

/// <summary>
/// Raw REST calls to the API server through KubernetesClient's <see cref="k8s.Kubernetes"/> (its HttpClient, TLS
/// settings and credentials), so every kind is listed and watched by path and its JSON goes to the manifest loader
/// unchanged, instead of through a typed client per kind.
/// </summary>
internal sealed class KubernetesApi(k8s.Kubernetes client)
{
    /// <summary>
    /// GETs one page of a collection, at most <paramref name="limit"/> objects, the first page when
    /// <paramref name="continueToken"/> is empty, else the page that token (the previous page's <c>metadata.continue</c>)
    /// names, and parses it. Only objects <paramref name="fieldSelector"/> selects, when it is not empty.
    /// </summary>
    public async Task<JsonDocument> ListAsync(string collectionPath, string fieldSelector, int limit, string continueToken, CancellationToken cancellationToken)
    {
        var query = $"?limit={limit}{Selector(fieldSelector)}" + (continueToken.Length == 0 ? string.Empty : $"&continue={Uri.EscapeDataString(continueToken)}");
        using var request = new HttpRequestMessage(HttpMethod.Get, Address(collectionPath + query));
        return await ReadJsonAsync(request, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Whether discovery (<c>GET /apis/&lt;group&gt;/&lt;version&gt;</c>) lists <paramref name="plural"/>: false when the
    /// group version is not served (404) or its resource list lacks it, as when a CRD is not installed, or when discovery
    /// is forbidden (403).
    /// </summary>
    public async Task<bool> ServesAsync(string group, string version, string plural, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, Address($"/apis/{group}/{version}"));
        JsonDocument discovery;
        try
        {
            discovery = await ReadJsonAsync(request, cancellationToken).ConfigureAwait(false);
        }
        catch (KubernetesApiException exception) when (exception.StatusCode is HttpStatusCode.NotFound or HttpStatusCode.Forbidden)
        {
            // Forbidden: a cluster that grants no discovery cannot confirm the list's 404, which then stands, as before.
            return false;
        }

        using (discovery)
        {
            return discovery.RootElement.TryGetProperty("resources", out var resources) && resources.ValueKind == JsonValueKind.Array
                && resources.EnumerateArray().Any(resource => resource.ValueKind == JsonValueKind.Object
                    && resource.TryGetProperty("name", out var name) && name.ValueKind == JsonValueKind.String && name.ValueEquals(plural));
        }
    }

    /// <summary>
    /// Opens a watch from <paramref name="resourceVersion"/> with bookmarks, of the objects <paramref name="fieldSelector"/>
    /// selects when it is not empty; the caller reads one JSON event per line from the response and disposes it.
    /// </summary>
    public async Task<HttpResponseMessage> WatchAsync(string collectionPath, string fieldSelector, string resourceVersion, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var query = $"?watch=1&allowWatchBookmarks=true{Selector(fieldSelector)}&resourceVersion={Uri.EscapeDataString(resourceVersion)}&timeoutSeconds={(int)Math.Max(1, timeout.TotalSeconds)}";
        using var request = new HttpRequestMessage(HttpMethod.Get, Address(collectionPath + query));
        var response = await SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
        try
        {
            await EnsureSuccessAsync(response, cancellationToken).ConfigureAwait(false);
            return response;
        }
        catch
        {
            response.Dispose();
            throw;
        }
    }

    /// <summary>GETs <paramref name="objectPath"/>'s status subresource (the whole object, as the server has it now) and parses it.</summary>
    public async Task<JsonDocument> GetStatusAsync(string objectPath, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, Address(objectPath + "/status"));
        return await ReadJsonAsync(request, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Merge-patches <paramref name="objectPath"/>'s status subresource with <c>{"status": status}</c> and returns the
    /// object as the server now has it. With a <paramref name="resourceVersion"/>, the patch names it, and the server
    /// refuses it (409 Conflict) when the object has changed since.
    /// </summary>
    public async Task<JsonDocument> PatchStatusAsync(string objectPath, JsonNode status, string resourceVersion, CancellationToken cancellationToken)
    {
        var body = new JsonObject();
        if (resourceVersion.Length > 0)
        {
            body["metadata"] = new JsonObject { ["resourceVersion"] = resourceVersion };
        }

        body["status"] = status.DeepClone();
        using var request = new HttpRequestMessage(HttpMethod.Patch, Address(objectPath + "/status"))
        {
            Content = new StringContent(body.ToJsonString(), Encoding.UTF8, new MediaTypeHeaderValue("application/merge-patch+json")),
        };
        return await ReadJsonAsync(request, cancellationToken).ConfigureAwait(false);
    }

    private async Task<JsonDocument> ReadJsonAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        using var response = await SendAsync(request, HttpCompletionOption.ResponseContentRead, cancellationToken).ConfigureAwait(false);
        await EnsureSuccessAsync(response, cancellationToken).ConfigureAwait(false);
        var stream = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
        await using (stream.ConfigureAwait(false))
        {
            return await JsonDocument.ParseAsync(stream, cancellationToken: cancellationToken).ConfigureAwait(false);
        }
    }

    private static string Selector(string fieldSelector) => fieldSelector.Length == 0 ? string.Empty : $"&fieldSelector={Uri.EscapeDataString(fieldSelector)}";

    // The server's address may carry a path (Rancher's /k8s/clusters/<id>, kubectl proxy --api-prefix): API paths go
    // under it, which resolving an absolute path against the address would drop.
    private Uri Address(string pathAndQuery) => new(client.BaseUri.AbsoluteUri.TrimEnd('/') + pathAndQuery);

    private async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, HttpCompletionOption completion, CancellationToken cancellationToken)
    {
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        if (client.Credentials is { } credentials)
        {
            await credentials.ProcessHttpRequestAsync(request, cancellationToken).ConfigureAwait(false);
        }

        return await client.HttpClient.SendAsync(request, completion, cancellationToken).ConfigureAwait(false);
    }

    private static async Task EnsureSuccessAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        if (response.IsSuccessStatusCode)
        {
            return;
        }

        var body = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
        throw new KubernetesApiException(response.StatusCode, StatusMessage(body) ?? response.ReasonPhrase ?? string.Empty);
    }

    /// <summary>The <c>message</c> of a <c>Status</c> body, when the body is one.</summary>
    internal static string? StatusMessage(string body)
    {
        try
        {
            return JsonNode.Parse(body) is JsonObject status && status["message"] is JsonValue message && message.TryGetValue<string>(out var text) ? text : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
