using RulesMesh.Loading;

namespace RulesMesh.Tests.Validation;

/// <summary>
/// Object metadata is checked as the API server checks it (Kubernetes API conventions, object names and IDs): a name is
/// required; Services need a DNS-1035 label, Namespaces a DNS-1123 label, other kinds a DNS-1123 subdomain; a
/// namespace is a DNS-1123 label. A refused document is an error at its field; the others still load.
/// </summary>
public sealed class ObjectMetadataValidationTests
{
    private static IReadOnlyList<LoadDiagnostic> Load(string kind, string apiVersion, string metadata, string spec = "")
        => new ManifestLoader().LoadText($"apiVersion: {apiVersion}\nkind: {kind}\nmetadata: {metadata}\n{spec}", "x.yaml").Diagnostics;

    private const string EntrySpec = "spec: {hosts: [a.example.com], ports: [{number: 80, name: http, protocol: HTTP}], resolution: DNS}";

    [Theory]
    [InlineData("{namespace: infra}")]
    [InlineData("{name: '', namespace: infra}")]
    public void A_missing_or_empty_name_is_an_error(string metadata)
    {
        var error = Assert.Single(Load("ServiceEntry", "networking.istio.io/v1", metadata, EntrySpec));

        Assert.Equal(("metadata.name", DiagnosticSeverity.Error), (error.FieldPath, error.Severity));
    }

    [Theory]
    [InlineData("a/b")]
    [InlineData("\"a\\nb\"")]
    [InlineData("UPPER")]
    [InlineData("-lead")]
    [InlineData("trail.")]
    public void A_name_that_is_not_a_dns_subdomain_is_an_error_for_a_custom_resource(string name)
        => Assert.Equal("metadata.name", Assert.Single(Load("ServiceEntry", "networking.istio.io/v1", $"{{name: {name}, namespace: infra}}", EntrySpec)).FieldPath);

    [Fact]
    public void A_custom_resource_name_may_have_dots_and_253_characters_but_not_254()
    {
        var longest = string.Join('.', Enumerable.Repeat(new string('a', 63), 4))[..253];

        Assert.Empty(Load("ServiceEntry", "networking.istio.io/v1", "{name: se.v2, namespace: infra}", EntrySpec));
        Assert.Empty(Load("ServiceEntry", "networking.istio.io/v1", $"{{name: {longest.TrimEnd('.')}, namespace: infra}}", EntrySpec));
        Assert.Single(Load("ServiceEntry", "networking.istio.io/v1", $"{{name: {new string('a', 254)}, namespace: infra}}", EntrySpec));
    }

    [Theory]
    [InlineData("a..b")]
    [InlineData("a.-b")]
    [InlineData("a-.b")]
    [InlineData(".a")]
    [InlineData("caf\u00e9")]
    [InlineData("\"a\\u002Fb\"")]
    [InlineData("\"a\\tb\"")]
    public void A_name_with_an_empty_label_a_label_edge_dash_or_any_other_character_is_an_error(string name)
        => Assert.Equal("metadata.name", Assert.Single(Load("ServiceEntry", "networking.istio.io/v1", $"{{name: {name}, namespace: infra}}", EntrySpec)).FieldPath);

    [Theory]
    [InlineData("\"\\u0061bc\"")]
    [InlineData("\"a\\u002Eb\"")]
    [InlineData("0.9-x.y")]
    public void A_valid_name_is_accepted_however_it_is_written(string name)
        => Assert.Empty(Load("ServiceEntry", "networking.istio.io/v1", $"{{name: {name}, namespace: infra}}", EntrySpec));

    [Theory]
    [InlineData("\"\\u0069nfra\"", 0)]
    [InlineData("\"In\\u0066ra\"", 1)]
    public void A_namespace_written_with_escapes_is_checked_as_it_reads(string ns, int errors)
        => Assert.Equal(errors, Load("Service", "v1", $"{{name: svc, namespace: {ns}}}").Count);

    [Theory]
    [InlineData("svc.v2")]
    [InlineData("1svc")]
    public void A_Service_name_must_be_a_dns_1035_label(string name)
        => Assert.Equal("metadata.name", Assert.Single(Load("Service", "v1", $"{{name: {name}, namespace: infra}}")).FieldPath);

    [Fact]
    public void A_Service_name_may_have_63_characters_but_not_64()
    {
        Assert.Empty(Load("Service", "v1", $"{{name: s{new string('a', 62)}, namespace: infra}}"));
        Assert.Single(Load("Service", "v1", $"{{name: s{new string('a', 63)}, namespace: infra}}"));
    }

    [Fact]
    public void A_Namespace_name_must_be_a_dns_1123_label_and_a_namespace_field_too()
    {
        Assert.Equal("metadata.name", Assert.Single(Load("Namespace", "v1", "{name: a.b}")).FieldPath);
        Assert.Empty(Load("Namespace", "v1", "{name: 9lives}"));
        Assert.Equal("metadata.namespace", Assert.Single(Load("Service", "v1", "{name: svc, namespace: In_fra}")).FieldPath);
    }

    [Theory]
    [InlineData("spec: {type: Bogus}", "spec.type")]
    [InlineData("spec: {ports: [{port: 80, protocol: XYZ}]}", "spec.ports[0].protocol")]
    public void Service_enums_are_checked(string spec, string field)
        => Assert.Equal(field, Assert.Single(Load("Service", "v1", "{name: svc, namespace: infra}", spec)).FieldPath);

    [Theory]
    [InlineData("spec: {type: ExternalName, externalName: a.example.com}")]
    [InlineData("spec: {type: LoadBalancer, ports: [{port: 80, protocol: UDP}, {port: 81, protocol: SCTP}, {port: 82}]}")]
    public void Valid_Service_enums_are_accepted(string spec)
        => Assert.Empty(Load("Service", "v1", "{name: svc, namespace: infra}", spec));

    [Fact]
    public void An_invalid_name_is_quoted_in_the_message_so_a_newline_cannot_break_the_line()
    {
        var error = Assert.Single(Load("ServiceEntry", "networking.istio.io/v1", "{name: \"a\\nb\", namespace: infra}", EntrySpec));

        Assert.DoesNotContain('\n', error.ToString());
        Assert.StartsWith("ServiceEntry \"a\\nb\" ", error.Message, StringComparison.Ordinal);
    }

    // The API server: "cannot unmarshal number into Go struct field ObjectMeta.metadata.name of type string".
    [Theory]
    [InlineData("ServiceEntry", "12345", "a number")]
    [InlineData("ServiceEntry", "true", "a boolean")]
    [InlineData("Service", "true", "a boolean")]
    public void A_name_written_as_a_number_or_a_boolean_must_be_a_string_and_the_message_says_to_quote_it(string kind, string name, string what)
    {
        var error = Assert.Single(Load(kind, ApiVersionOf(kind), $"{{name: {name}, namespace: infra}}", SpecOf(kind)));

        Assert.Equal("metadata.name", error.FieldPath);
        Assert.Contains($"metadata.name must be a string, not {what}: quote it, as in name: \"{name}\"", error.Message, StringComparison.Ordinal);
    }

    // "12345" is a DNS-1123 subdomain but no DNS-1035 label: quoting it would only trade one refusal for another.
    [Fact]
    public void A_number_that_quoted_would_still_be_no_Service_name_is_not_offered_quoted()
    {
        var error = Assert.Single(Load("Service", "v1", "{name: 12345, namespace: infra}", string.Empty));

        Assert.Equal("metadata.name", error.FieldPath);
        Assert.Contains("metadata.name must be a string, not a number; quoted, \"12345\" is invalid: a Service name must be a DNS-1035 label", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("quote it", error.Message, StringComparison.Ordinal);
    }

    private static string ApiVersionOf(string kind) => kind == "Service" ? "v1" : "networking.istio.io/v1";

    private static string SpecOf(string kind) => kind == "Service" ? string.Empty : EntrySpec;
}
