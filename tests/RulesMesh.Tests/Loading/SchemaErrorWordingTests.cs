using RulesMesh.Loading;

namespace RulesMesh.Tests.Loading;

/// <summary>
/// Schema errors say what is wrong in the manifest's terms, not the schema's logic: Istio's loadBalancer allows only one
/// of simple and consistentHash (its CRD's oneOf of required lists), and connectTimeout must be a duration (Go's
/// time.ParseDuration: a number and a unit of ns, us, ms, s, m or h).
/// </summary>
public sealed class SchemaErrorWordingTests
{
    private static LoadDiagnostic LoadTrafficPolicy(string trafficPolicy)
        => Assert.Single(new ManifestLoader().LoadText(
            $"apiVersion: networking.istio.io/v1\nkind: DestinationRule\nmetadata: {{name: d1, namespace: shop}}\nspec:\n  host: catalog.shop.svc.cluster.local\n  trafficPolicy:\n{trafficPolicy}\n",
            "dr.yaml").Diagnostics);

    [Fact]
    public void Setting_two_fields_of_a_oneOf_names_them_and_says_only_one_may_be_set()
    {
        var error = LoadTrafficPolicy("    loadBalancer:\n      simple: ROUND_ROBIN\n      consistentHash: {httpHeaderName: x}");

        Assert.Equal(("spec.trafficPolicy.loadBalancer", 7), (error.FieldPath, error.Position.Line));
        Assert.Contains("only one of simple or consistentHash may be set", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("excluded", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_duration_that_does_not_parse_is_reported_as_no_duration_rather_than_as_a_rule_that_cannot_be_evaluated()
    {
        var error = LoadTrafficPolicy("    connectionPool:\n      tcp: {connectTimeout: \"1x\"}");

        Assert.Equal("spec.trafficPolicy.connectionPool.tcp.connectTimeout", error.FieldPath);
        Assert.Contains("'1x' is not a duration (e.g. 5s, 100ms", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("cannot be evaluated", error.Message, StringComparison.Ordinal);
    }
}
