using System.Text.Json.Nodes;
using k8s.Models;
using RulesMesh.Loading;
using RulesMesh.Modeling;

namespace RulesMesh.Tests.Validation;

/// <summary>
/// x-kubernetes-validations rules are enforced at load with the semantics of the Kubernetes CRD validation rules:
/// <c>self</c> is the value of the node carrying the rule, property names are escaped, transition rules are skipped on
/// creation, and message, messageExpression, fieldPath and reason shape the report.
/// </summary>
public sealed class CelRuleEnforcementTests
{
    private static ModelDescriptor Model(string specSchema) => new(
        "example.com", "v1", "Widget", "widgets", Namespaced: true, Storage: true, typeof(V1ConfigMap),
        static (_, _, _) => null,
        """{"type":"object","properties":{"spec":""" + specSchema + "}}");

    private static IReadOnlyList<SchemaViolation> Validate(string specSchema, string specJson)
        => new SchemaValidator().Validate(Model(specSchema), JsonNode.Parse("""{"apiVersion":"example.com/v1","kind":"Widget","metadata":{"name":"w"},"spec":""" + specJson + "}")!.AsObject());

    private static string Rule(string rule, string properties, string extra = "")
        => """{"type":"object","properties":{""" + properties + """},"x-kubernetes-validations":[{"rule":""" + JsonValue.Create(rule).ToJsonString() + extra + "}]}";

    private const string Strings = """
        "name":{"type":"string"},"path":{"type":"string"},"list":{"type":"array","items":{"type":"string"}},
        "port":{"type":"integer"},"timeout":{"type":"string"},"namespace":{"type":"string"},"x-y":{"type":"string"},
        "variant":{"type":"object"}
        """;

    [Theory]
    [InlineData("has(self.name)", """{"name":"a"}""", true)]
    [InlineData("has(self.name)", """{}""", false)]
    [InlineData("size(self.list) == 2 && self.list.size() == 2", """{"list":["a","b"]}""", true)]
    [InlineData("self.list.all(x, x.startsWith('/'))", """{"list":["/a","b"]}""", false)]
    [InlineData("self.list.exists(x, x.endsWith('z'))", """{"list":["az","b"]}""", true)]
    [InlineData("self.list.all(a, self.list.exists_one(b, a == b))", """{"list":["a","a"]}""", false)]
    [InlineData("self.list.filter(x, x.contains('a')).size() <= 1", """{"list":["a","ba"]}""", false)]
    [InlineData("self.list.map(x, x + '!')[0] == 'a!'", """{"list":["a"]}""", true)]
    [InlineData("self.name.matches(r\"\"\"^[a-z]+$\"\"\")", """{"name":"Abc"}""", false)]
    [InlineData("self.path.substring(7, 8) == '/'", """{"path":"unix:///x"}""", true)]
    [InlineData("self.path.split('/')[0] == 'a'", """{"path":"a/b"}""", true)]
    [InlineData("0 < self.port && self.port <= 65535", """{"port":70000}""", false)]
    [InlineData("duration(self.timeout) >= duration('1ms')", """{"timeout":"10us"}""", false)]
    [InlineData("self.__namespace__ == 'ns' && self.x__dash__y == 'v'", """{"namespace":"ns","x-y":"v"}""", true)]
    [InlineData("isIP(self.name)", """{"name":"10.0.0.01"}""", false)]
    [InlineData("isIP(self.name)", """{"name":"2001:db8::1"}""", true)]
    [InlineData("has(self.variant)", """{"variant":{}}""", true)]
    [InlineData("has(self.variant)", """{}""", false)]
    [InlineData("[has(self.variant), has(self.name)].filter(x, x == true).size() == 1", """{"variant":{}}""", true)]
    [InlineData("quantity(self.name).isGreaterThan(quantity('65534'))", """{"name":"64Ki"}""", true)]
    [InlineData("quantity(self.name).isGreaterThan(quantity('65534'))", """{"name":"1Ki"}""", false)]
    [InlineData("quantity(self.name).asInteger() == 65536", """{"name":"64Ki"}""", true)]
    [InlineData("quantity(self.name).compareTo(quantity('1G')) == 0", """{"name":"1000M"}""", true)]
    [InlineData("quantity(self.name).isLessThan(quantity('1'))", """{"name":"100m"}""", true)]
    [InlineData("isQuantity(self.name)", """{"name":"12 apples"}""", false)]
    [InlineData("type(self.port) == int && self.port == 1048576", """{"port":1048576}""", true)]
    [InlineData("(type(self.port) == int && int(self.port) >= 65535) || (type(self.port) == string && quantity(self.port).isGreaterThan(quantity('65534')))", """{"port":1048576}""", true)]
    public void A_rule_holds_or_fails_as_cel_defines_it(string rule, string spec, bool holds)
    {
        var violations = Validate(Rule(rule, Strings), spec);

        Assert.Equal(holds, violations.Count == 0);
    }

    [Fact]
    public void A_failed_rule_is_reported_at_its_node_with_its_message()
    {
        var violation = Assert.Single(Validate(Rule("has(self.name)", Strings, ""","message":"name is required here." """), "{}"));

        Assert.Equal("spec", violation.FieldPath);
        Assert.Equal("is invalid: name is required here", violation.Message);
    }

    [Fact]
    public void MessageExpression_wins_over_message_and_fieldPath_and_reason_shape_the_report()
    {
        var extra = ""","message":"fixed","messageExpression":"'port ' + string(self.port) + ' is too big'","fieldPath":".port","reason":"FieldValueForbidden" """;

        var violation = Assert.Single(Validate(Rule("self.port < 100", Strings, extra), """{"port":700}"""));

        Assert.Equal("spec.port", violation.FieldPath);
        Assert.Equal("is forbidden: port 700 is too big", violation.Message);
    }

    [Fact]
    public void A_rule_without_a_message_names_its_expression()
    {
        var violation = Assert.Single(Validate(Rule("self.port < 100", Strings), """{"port":700}"""));

        Assert.Equal("is invalid: failed rule: self.port < 100", violation.Message);
    }

    [Fact]
    public void A_transition_rule_is_not_enforced_on_creation_and_is_listed_as_unenforceable()
    {
        var schema = Rule("self == oldSelf", Strings);

        Assert.Empty(Validate(schema, """{"name":"a"}"""));
        Assert.Contains("oldSelf", Assert.Single(new SchemaValidator().UnenforceableRules(Model(schema))), StringComparison.Ordinal);
    }

    [Fact]
    public void Rules_on_list_items_and_map_values_run_once_per_element_at_its_path()
    {
        var schema = """
            {"type":"object","properties":{"list":{"type":"array","items":{"type":"string","x-kubernetes-validations":[{"rule":"self != '*'","message":"no wildcard"}]}},
             "labels":{"type":"object","additionalProperties":{"type":"string","x-kubernetes-validations":[{"rule":"!self.contains('*')","message":"no star"}]}}}}
            """;

        var violations = Validate(schema, """{"list":["a","*","*"],"labels":{"k":"v*"}}""");

        Assert.Equal(["spec.list[1]", "spec.list[2]", "spec.labels.k"], violations.Select(v => v.FieldPath));
    }

    [Fact]
    public void A_schema_default_is_applied_before_the_rule_runs_as_the_API_server_does()
    {
        var schema = """
            {"type":"object","properties":{"type":{"type":"string","default":"PathPrefix"},"value":{"type":"string","default":"/"}},
             "x-kubernetes-validations":[{"rule":"self.type in ['Exact','PathPrefix'] ? self.value.startsWith('/') : true"}]}
            """;

        Assert.Empty(Validate(schema, "{}"));
        Assert.Single(Validate(schema, """{"value":"api"}"""));
    }

    [Fact]
    public void A_rule_that_cannot_be_evaluated_because_the_value_is_no_duration_refuses_the_object_saying_so()
    {
        // Go's time.ParseDuration refuses "soon"; the API server's CEL duration() fails on it, refusing the object.
        var violation = Assert.Single(Validate(Rule("duration(self.timeout) >= duration('1ms')", Strings, ""","message":"must be a duration" """), """{"timeout":"soon"}"""));

        Assert.Equal("is invalid: 'soon' is not a duration (e.g. 5s, 100ms or 1h30m)", violation.Message);
    }

    [Fact]
    public void Cel_rules_do_not_run_on_an_object_that_breaks_the_structural_schema()
    {
        var violations = Validate(Rule("self.port < 100", Strings), """{"port":"many"}""");

        Assert.Equal("spec.port", Assert.Single(violations).FieldPath);
    }
}
