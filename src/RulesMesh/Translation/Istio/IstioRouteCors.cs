using System.Globalization;
using Envoy.Config.Core.V3;
using Envoy.Extensions.Filters.Http.Cors.V3;
using Envoy.Type.Matcher.V3;
using Envoy.Type.V3;
using RulesMesh.Models.GatewayNetworkingK8sIo.V1;

namespace RulesMesh.Translation.Istio;

/// <summary>
/// An HTTPRoute rule's CORS filter on a waypoint route, as istiod carries it: the Gateway API filter becomes the
/// VirtualService's <c>corsPolicy</c> (<c>conversion.go</c> <c>createCorsFilter</c>), which becomes the route's
/// <c>typed_per_filter_config["envoy.filters.http.cors"]</c> (<c>route.go</c> <c>translateCORSPolicy</c>); the
/// <c>envoy.filters.http.cors</c> HTTP filter is on every service HTTP chain already
/// (docs/spec/istio-waypoint-output.md §2.2):
/// <list type="bullet">
/// <item>each origin an exact match, or, when it has a <c>*</c>, a regex with the rest quoted and <c>*</c> as
/// <c>.*</c>;</item>
/// <item>methods, allowed and exposed headers each joined with <c>,</c>; <c>max_age</c> in seconds (the CRD's default,
/// 5, when unset); <c>allow_credentials</c> only when written;</item>
/// <item><c>filter_enabled</c> 100/HUNDRED, and <c>forward_not_matching_preflights: true</c> (Istio 1.23 and later
/// keep Envoy's pre-1.30 behaviour, since a Gateway API route cannot ask for <c>unmatchedPreflights: IGNORE</c>).</item>
/// </list>
/// </summary>
/// <remarks>
/// The output spec does not restate CORS: this follows Istio's <c>conversion.go</c> and <c>route.go</c> as understood,
/// without the source at hand to check it (the wildcard-origin regex in particular), and no istiod was run.
/// </remarks>
internal static class IstioRouteCors
{
    /// <summary>The per-route filter config key (Istio's <c>wellknown.CORS</c>).</summary>
    public const string FilterName = "envoy.filters.http.cors";

    /// <summary>The Gateway API's default <c>maxAge</c>, which the API server fills in when unset.</summary>
    private const int DefaultMaxAge = 5;

    /// <summary>The rule's CORS filter as Envoy's per-route policy, or null when it has none.</summary>
    public static CorsPolicy? Policy(HTTPRouteRule rule)
    {
        if (rule.Filters?.FirstOrDefault(static f => f.Type == HTTPRouteFilterType.Cors)?.Cors is not { } cors)
        {
            return null;
        }

        var policy = new CorsPolicy
        {
            AllowMethods = string.Join(",", (cors.AllowMethods ?? []).Select(static m => m.Value)),
            AllowHeaders = string.Join(",", cors.AllowHeaders ?? []),
            ExposeHeaders = string.Join(",", cors.ExposeHeaders ?? []),
            MaxAge = (cors.MaxAge ?? DefaultMaxAge).ToString(CultureInfo.InvariantCulture),
            FilterEnabled = new RuntimeFractionalPercent { DefaultValue = new FractionalPercent { Numerator = 100, Denominator = FractionalPercent.Types.DenominatorType.Hundred } },
            ForwardNotMatchingPreflights = true,
        };
        policy.AllowOriginStringMatch.AddRange((cors.AllowOrigins ?? []).Where(static o => o.Length > 0).Select(Origin));
        if (cors.AllowCredentials is { } credentials)
        {
            policy.AllowCredentials = credentials;
        }

        return policy;
    }

    private static StringMatcher Origin(string origin)
        => origin.Contains('*', StringComparison.Ordinal)
            ? new StringMatcher { SafeRegex = new RegexMatcher { Regex = IstioRegex.QuoteMeta(origin).Replace(@"\*", ".*", StringComparison.Ordinal) } }
            : new StringMatcher { Exact = origin };
}
