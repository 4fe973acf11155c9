using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Prometheus;
using RulesMesh.Server.Control;
using RulesMesh.Server.Operations;
using RulesMesh.Server.Xds;

namespace RulesMesh.Server.Hosting;

/// <summary>
/// The admin endpoints: <c>/healthz</c> (the process serves), <c>/readyz</c> (the control plane is ready),
/// <c>/metrics</c> (Prometheus text), <c>/debug/proxies</c> and <c>/debug/sources</c> (JSON).
/// </summary>
internal static class AdminEndpoints
{
    private static readonly JsonSerializerOptions DebugJson = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        Converters = { new NamespacedNameJsonConverter() },
    };

    public static void Map(IEndpointRouteBuilder endpoints, IControlPlaneStatus status, IProxyStatusView proxies, ServerMetrics metrics)
    {
        var admin = new AdminEndpointMetadata();
        endpoints.MapGet("/healthz", static () => Results.Text("ok\n")).WithMetadata(admin);
        endpoints.MapGet("/readyz", () => status.IsReady
                ? Results.Text("ready\n")
                : Results.Text(NotReady(status), statusCode: StatusCodes.Status503ServiceUnavailable))
            .WithMetadata(admin);
        endpoints.MapMetrics("/metrics", metrics.Registry).WithMetadata(admin);
        endpoints.MapGet("/debug/proxies", () => Results.Json(proxies.Proxies, DebugJson)).WithMetadata(admin);
        endpoints.MapGet("/debug/sources", () => Results.Json(status.Sources, DebugJson)).WithMetadata(admin);
    }

    private static string NotReady(IControlPlaneStatus status)
    {
        var waiting = status.Sources.Where(static s => !s.Synced).Select(static s => s.Name).ToList();
        return waiting.Count == 0
            ? "not ready: the first snapshot is not built yet\n"
            : $"not ready: waiting for {string.Join(", ", waiting)} to sync\n";
    }
}
