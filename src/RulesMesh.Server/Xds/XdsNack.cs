namespace RulesMesh.Server.Xds;

/// <summary>A proxy rejected a response: it stays on its last good version of that type.</summary>
/// <param name="TypeUrl">The rejected type.</param>
/// <param name="Version">The rejected version.</param>
/// <param name="Nonce">The nonce of the rejected response.</param>
/// <param name="ErrorDetail">The proxy's <c>error_detail</c> message.</param>
/// <param name="ResourceNames">The resources the response carried.</param>
/// <param name="At">When it arrived.</param>
public sealed record XdsNack(string TypeUrl, string Version, string Nonce, string ErrorDetail, IReadOnlyList<string> ResourceNames, DateTimeOffset At);
