using System.Text.Json;
using System.Text.Json.Nodes;
using RulesMesh.Loading;
using RulesMesh.Loading.CelLanguage;

namespace RulesMesh.Tests.Loading.CelLanguage;

/// <summary>
/// The rule compiler follows CEL's semantics, with expected values worked out by hand from the CEL language definition
/// and the Kubernetes CRD validation rules: errors absorbed by <c>&amp;&amp;</c>, <c>||</c>, <c>all</c> and
/// <c>exists</c>; <c>has()</c> as key presence; ints and doubles; sizes in code points; durations; defaults.
/// </summary>
public sealed class CelCompilerSemanticsTests
{
    private static string Evaluate(string expression, string self = "{}", string schema = "{}")
    {
        try
        {
            var value = CelCompiler.Compile(expression).Evaluate(JsonDocument.Parse(self).RootElement, CelSchema.From(JsonNode.Parse(schema)!.AsObject()));
            return value.ToString();
        }
        catch (CelEvaluationException)
        {
            return "error";
        }
    }

    [Theory]
    [InlineData("self.missing == 1 || true", "true")]
    [InlineData("true || self.missing == 1", "true")]
    [InlineData("self.missing == 1 && false", "false")]
    [InlineData("false && self.missing == 1", "false")]
    [InlineData("self.missing == 1 && true", "error")]
    [InlineData("self.missing == 1 || false", "error")]
    [InlineData("1 && false", "false")]
    [InlineData("1 || false", "error")]
    [InlineData("!self.missing", "error")]
    [InlineData("self.missing ? 1 : 2", "error")]
    [InlineData("true ? 1 : self.missing", "1")]
    public void And_or_and_the_conditional_absorb_an_error_only_when_the_other_side_decides(string expression, string expected)
        => Assert.Equal(expected, Evaluate(expression));

    [Theory]
    [InlineData("self.list.all(x, x > 1)", """{"list":[0,"a"]}""", "false")]
    [InlineData("self.list.all(x, x > 1)", """{"list":[2,"a"]}""", "error")]
    [InlineData("self.list.exists(x, x > 1)", """{"list":["a",2]}""", "true")]
    [InlineData("self.list.exists(x, x > 1)", """{"list":["a",0]}""", "error")]
    [InlineData("self.list.exists_one(x, x > 1)", """{"list":["a",2]}""", "error")]
    [InlineData("self.list.exists_one(x, x > 1)", """{"list":[3,2]}""", "false")]
    [InlineData("self.list.filter(x, x > 1).size()", """{"list":[1,2,3]}""", "2")]
    [InlineData("self.list.map(x, x * 2)[2]", """{"list":[1,2,3]}""", "6")]
    [InlineData("self.list.all(a, self.list.exists_one(b, a == b))", """{"list":[1,2,1]}""", "false")]
    public void All_and_exists_absorb_errors_like_their_and_or_expansion_while_exists_one_filter_and_map_do_not(string expression, string self, string expected)
        => Assert.Equal(expected, Evaluate(expression, self));

    [Theory]
    [InlineData("has(self.variant)", """{"variant":{}}""", "true")]
    [InlineData("has(self.name)", """{"name":""}""", "true")]
    [InlineData("has(self.name)", """{"name":null}""", "false")]
    [InlineData("has(self.name)", """{}""", "false")]
    [InlineData("has(self.name.first)", """{"name":"text"}""", "error")]
    [InlineData("has(self.list[0].name)", """{"list":[{"name":{}}]}""", "true")]
    [InlineData("'name' in self", """{"name":1}""", "true")]
    [InlineData("'name' in self", """{"name":null}""", "false")]
    public void Has_tests_that_a_key_is_present_whatever_its_value(string expression, string self, string expected)
        => Assert.Equal(expected, Evaluate(expression, self));

    private const string ObjectSchema = """{"properties":{"namespace":{},"x-y":{},"a.b/c":{},"labels":{"additionalProperties":{"type":"string"}}}}""";

    [Theory]
    [InlineData("has(self.__namespace__)", """{"namespace":"x"}""", "true")]
    [InlineData("has(self.x__dash__y) && self.x__dash__y == 'v'", """{"x-y":"v"}""", "true")]
    [InlineData("has(self.a__dot__b__slash__c)", """{"a.b/c":1}""", "true")]
    [InlineData("self.exists(k, k == 'x__dash__y')", """{"x-y":"v"}""", "true")]
    [InlineData("self.exists(k, k == 'x-y')", """{"x-y":"v"}""", "false")]
    [InlineData("'x__dash__y' in self", """{"x-y":"v"}""", "true")]
    [InlineData("self.labels.all(k, k.startsWith('app.kubernetes.io/'))", """{"labels":{"app.kubernetes.io/name":"a"}}""", "true")]
    [InlineData("'app.kubernetes.io/name' in self.labels", """{"labels":{"app.kubernetes.io/name":"a"}}""", "true")]
    [InlineData("'app__dot__kubernetes__dot__io__slash__name' in self.labels", """{"labels":{"app.kubernetes.io/name":"a"}}""", "false")]
    [InlineData("self.labels['app.kubernetes.io/name'] == 'a'", """{"labels":{"app.kubernetes.io/name":"a"}}""", "true")]
    [InlineData("has(self.labels.__namespace__)", """{"labels":{"namespace":"a"}}""", "false")]
    public void Property_names_of_an_object_are_escaped_as_Kubernetes_escapes_them_while_map_keys_stay_as_written(string expression, string self, string expected)
        => Assert.Equal(expected, Evaluate(expression, self, ObjectSchema));

    [Theory]
    [InlineData("type(self.n) == int", """{"n":3}""", "true")]
    [InlineData("type(self.n) == double", """{"n":3.5}""", "true")]
    [InlineData("type(self.n) == int", """{"n":3.5}""", "false")]
    [InlineData("self.n == 3", """{"n":3.0}""", "true")]
    [InlineData("self.n + 1.0", """{"n":1}""", "error")]
    [InlineData("self.n / 2", """{"n":7}""", "3")]
    [InlineData("self.n % 0", """{"n":7}""", "error")]
    [InlineData("9223372036854775807 + 1", "{}", "error")]
    [InlineData("1 < 1.5", "{}", "true")]
    [InlineData("'a' == 1", "{}", "false")]
    [InlineData("'a' < 1", "{}", "error")]
    [InlineData("int('42') + 1", "{}", "43")]
    [InlineData("double('0.5') > 0.0", "{}", "true")]
    [InlineData("int(2.9)", "{}", "2")]
    [InlineData("string(self.n) + '!'", """{"n":7}""", "7!")]
    public void Ints_and_doubles_are_distinct_types_that_compare_by_value_and_do_not_mix_in_arithmetic(string expression, string self, string expected)
        => Assert.Equal(expected, Evaluate(expression, self));

    [Theory]
    [InlineData("size(self.s)", "3")]
    [InlineData("self.s.size()", "3")]
    [InlineData("self.s.substring(1)", "ab")]
    [InlineData("self.s.substring(1, 2)", "a")]
    [InlineData("self.s.indexOf('b')", "2")]
    [InlineData("self.s.substring(4)", "error")]
    public void String_sizes_and_indexes_count_code_points(string expression, string expected)
        => Assert.Equal(expected, Evaluate(expression, """{"s":"\uD83D\uDE00ab"}"""));

    [Theory]
    [InlineData("""r"\d+" == '\\d+'""", "true")]
    [InlineData("""'a\nb'.size()""", "3")]
    [InlineData("""'''it's''' == "it's" """, "true")]
    [InlineData("""r'''^a\.b$'''.size()""", "6")]
    [InlineData("""'\x41\u0042\103'""", "ABC")]
    [InlineData("'abc'.matches('^a') && !'abc'.matches('^b')", "true")]
    [InlineData("matches('abc', '[')", "error")]
    [InlineData("'a/b/c'.split('/')[1]", "b")]
    [InlineData("'Ab-1'.lowerAscii() + 'x'.upperAscii()", "ab-1X")]
    [InlineData("[1, 2] + [3] == [1, 2, 3]", "true")]
    [InlineData("'b' in ['a', 'b']", "true")]
    [InlineData("[1, 2][2]", "error")]
    [InlineData("-(-3)", "3")]
    public void Literals_operators_and_string_functions_follow_CEL(string expression, string expected)
        => Assert.Equal(expected, Evaluate(expression));

    [Theory]
    [InlineData("duration('1h30m') == duration('90m')", "true")]
    [InlineData("duration('1.5s') > duration('1s')", "true")]
    [InlineData("duration('10us') < duration('1ms')", "true")]
    [InlineData("duration('+1s') == duration('1s')", "true")]
    [InlineData("duration('-1s') < duration('0s')", "true")]
    [InlineData("duration('soon')", "error")]
    [InlineData("duration('1')", "error")]
    [InlineData("duration('1d')", "error")]
    [InlineData("quantity('64Ki').isGreaterThan(quantity('65534'))", "true")]
    [InlineData("quantity('100m').isLessThan(quantity('1'))", "true")]
    [InlineData("quantity('1000M').compareTo(quantity('1G'))", "0")]
    [InlineData("quantity('1.5').asInteger()", "error")]
    [InlineData("quantity('12 apples')", "error")]
    [InlineData("isQuantity('12 apples')", "false")]
    [InlineData("isIP('10.0.0.01') || !isIP('2001:db8::1')", "false")]
    [InlineData("url('https://example.com/x').getScheme()", "https")]
    public void Durations_quantities_and_addresses_follow_the_CEL_and_Kubernetes_libraries(string expression, string expected)
        => Assert.Equal(expected, Evaluate(expression));

    [Fact]
    public void Schema_defaults_are_present_before_the_rule_runs()
    {
        const string Schema = """{"type":"object","properties":{"type":{"type":"string","default":"PathPrefix"},"value":{"type":"string"}}}""";

        Assert.Equal("true", Evaluate("has(self.type) && self.type == 'PathPrefix' && size(self) == 1", "{}", Schema));
        Assert.Equal("Exact", Evaluate("self.type", """{"type":"Exact"}""", Schema));
        Assert.Equal("PathPrefix", Evaluate("self.type", """{"type":null}""", Schema));
    }

    [Theory]
    [InlineData("{'a': 1}.size() == 1")]
    [InlineData("b'abc' == b'abc'")]
    [InlineData("1u == 1u")]
    [InlineData("self == oldSelf")]
    [InlineData("timestamp(self) > timestamp('2020-01-01T00:00:00Z')")]
    [InlineData("self.list.map(i, x, x)")]
    public void What_the_compiler_does_not_implement_is_refused_when_the_rule_is_compiled(string expression)
        => Assert.Throws<CelUnsupportedException>(() => CelCompiler.Compile(expression));

    [Fact]
    public void A_rule_the_compiler_refuses_is_still_enforced_by_the_Cel_package()
    {
        var definition = new JsonObject { ["rule"] = "timestamp(self.at) > timestamp('2020-01-01T00:00:00Z')" };
        var rule = CelRule.Compile(new Lazy<Cel.CelEnvironment>(KubernetesCelLibrary.Create), definition, out _)!;
        var schema = new JsonObject();

        Assert.True(rule.IsInterpreted);
        Assert.Equal(CelOutcome.Holds, rule.Evaluate(Subject("""{"at":"2021-01-01T00:00:00Z"}""", schema)));
        Assert.Equal(CelOutcome.Fails, rule.Evaluate(Subject("""{"at":"2019-01-01T00:00:00Z"}""", schema)));
    }

    [Fact]
    public void A_compiled_message_expression_describes_the_failure_and_falls_back_to_the_message_when_it_fails()
    {
        var definition = new JsonObject { ["rule"] = "self.port < 100", ["message"] = "too big", ["messageExpression"] = "'port ' + string(self.port)" };
        var rule = CelRule.Compile(new Lazy<Cel.CelEnvironment>(KubernetesCelLibrary.Create), definition, out _)!;

        Assert.False(rule.IsInterpreted);
        Assert.Equal("port 700", rule.Describe(Subject("""{"port":700}""", [])));
        Assert.Equal("too big", rule.Describe(Subject("""{"port":[1]}""", [])));
    }

    private static CelRuleSubject Subject(string json, JsonObject schema)
        => new(JsonDocument.Parse(json).RootElement, CelSchema.From(schema), schema);
}
