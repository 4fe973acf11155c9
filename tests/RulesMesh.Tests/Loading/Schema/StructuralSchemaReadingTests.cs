using System.Text.Json;
using k8s.Models;
using RulesMesh.Loading;
using RulesMesh.Modeling;

namespace RulesMesh.Tests.Loading.Schema;

/// <summary>
/// The compiled structural check is read from the schema's JSON, so NJsonSchema parses a kind's schema only to explain
/// a refused document; a schema using keywords the check does not read is parsed up front and those nodes are left to
/// NJsonSchema, so every verdict is still NJsonSchema's.
/// </summary>
public sealed class StructuralSchemaReadingTests
{
    private static ModelDescriptor Model(string schema) => new(
        "example.com", "v1", "Widget", "widgets", Namespaced: true, Storage: true, typeof(V1ConfigMap),
        static (_, _, _) => null,
        schema);

    private static JsonElement Widget(string spec)
        => JsonDocument.Parse("""{"apiVersion":"example.com/v1","kind":"Widget","metadata":{"name":"w"},"spec":""" + spec + "}").RootElement;

    [Fact]
    public void Compiling_a_bundled_kinds_checks_does_not_parse_its_schema_for_NJsonSchema()
    {
        var validator = new SchemaValidator();
        var kinds = ModelRegistry.Default.Models.Where(model => model.SchemaJson is not null).ToList();
        Assert.NotEmpty(kinds);

        foreach (var model in kinds)
        {
            _ = validator.UnenforceableRules(model);
        }

        Assert.Empty(kinds.Where(validator.NJsonSchemaParsed).Select(model => model.ApiVersion + "/" + model.Kind));
    }

    [Fact]
    public void A_document_the_check_accepts_leaves_NJsonSchema_unused_and_a_refused_one_is_explained_by_it()
    {
        var validator = new SchemaValidator();
        var model = Model("""{"type":"object","properties":{"spec":{"type":"object","properties":{"port":{"type":"integer","minimum":1}}}}}""");

        Assert.Empty(validator.Validate(model, Widget("""{"port":80}""")));
        Assert.False(validator.NJsonSchemaParsed(model));

        var violation = Assert.Single(validator.Validate(model, Widget("""{"port":0}""")));
        Assert.Equal("spec.port", violation.FieldPath);
        Assert.Equal("is below the minimum (1)", violation.Message);
        Assert.True(validator.NJsonSchemaParsed(model));
    }

    public static TheoryData<string, string> KeywordsReadFromJson => new()
    {
        { """{"type":"string","nullable":true}""", "null" },
        { """{"type":"string","nullable":false,"minLength":2}""", "\"a\"" },
        { """{"enum":["a",1,1.5,true,null]}""", "1" },
        { """{"enum":["a",1,1.5,true,null]}""", "\"1\"" },
        { """{"enum":["a",1,1.5,true,null]}""", "1.5" },
        { """{"enum":["a",1,1.5,true,null]}""", "true" },
        { """{"enum":["a",1,1.5,true,null]}""", "\"b\"" },
        { """{"type":"integer","minimum":1,"exclusiveMinimum":true,"maximum":5,"exclusiveMaximum":false}""", "1" },
        { """{"type":"integer","minimum":1,"exclusiveMinimum":true,"maximum":5,"exclusiveMaximum":false}""", "5" },
        { """{"oneOf":[{"type":"null"},{"type":"string"}]}""", "null" },
        { """{"oneOf":[{"type":"null"},{"type":"string"}]}""", "3" },
        { """{"type":"object","required":["a","b"],"properties":{"a":{"type":"string"}}}""", """{"a":"x"}""" },
        { """{"type":"object","required":["a","b"],"properties":{"a":{"type":"string"}}}""", """{"a":"x","b":1}""" },
        { """{"type":"object","additionalProperties":{"type":"string"},"maxProperties":1}""", """{"a":"x"}""" },
        { """{"type":"object","additionalProperties":{"type":"string"},"maxProperties":1}""", """{"a":"x","b":"y"}""" },
        { """{"type":"object","properties":{"a":{"type":"string"}}}""", """{"b":"x"}""" },
        { """{"type":"object","x-kubernetes-preserve-unknown-fields":true,"properties":{"a":{"type":"string"}}}""", """{"b":"x"}""" },
        { """{"type":"array","minItems":1,"items":{"type":"string","format":"ipv4"}}""", """["10.0.0.1"]""" },
        { """{"type":"array","minItems":1,"items":{"type":"string","format":"ipv4"}}""", """["10.0.0.300"]""" },
    };

    [Theory]
    [MemberData(nameof(KeywordsReadFromJson))]
    public void Keywords_read_from_the_schemas_JSON_give_NJsonSchemas_verdict_without_it(string specSchema, string specValue)
        => AssertSameVerdict(specSchema, specValue, parsedUpFront: false);

    public static TheoryData<string, string> KeywordsLeftToNJsonSchema => new()
    {
        { """{"type":["string","null"]}""", "null" },
        { """{"type":["string","null"]}""", "1" },
        { """{"type":"integer","multipleOf":2}""", "3" },
        { """{"type":"array","uniqueItems":true}""", "[1,1]" },
        { """{"type":"integer","exclusiveMinimum":1}""", "1" },
        { """{"type":"string","x-nullable":true}""", "null" },
        { """{"type":"string","nullable":"true"}""", "null" },
        { """{"enum":["2020-01-01T00:00:00Z"]}""", "\"2020-01-01T00:00:00Z\"" },
        { """{"enum":[10000000000000000000]}""", "1" },
        { """{"type":"integer","minimum":1.5}""", "1" },
        { """{"type":"object","patternProperties":{"^a":{"type":"string"}}}""", """{"ab":1}""" },
    };

    [Theory]
    [MemberData(nameof(KeywordsLeftToNJsonSchema))]
    public void A_schema_with_keywords_the_check_does_not_read_is_parsed_up_front_and_gets_NJsonSchemas_verdict(string specSchema, string specValue)
        => AssertSameVerdict(specSchema, specValue, parsedUpFront: true);

    // The compiled check's verdict on spec.value, whether NJsonSchema had parsed the schema by then, and NJsonSchema's verdict.
    private static void AssertSameVerdict(string specSchema, string specValue, bool parsedUpFront)
    {
        var validator = new SchemaValidator();
        var model = Model("""{"type":"object","properties":{"spec":{"type":"object","properties":{"value":""" + specSchema + "}}}}");
        var manifest = Widget("""{"value":""" + specValue + "}");

        var compiled = validator.StructureAccepts(model, manifest);
        Assert.Equal(parsedUpFront, validator.NJsonSchemaParsed(model));

        Assert.Equal(validator.NJsonSchemaAccepts(model, manifest), compiled);
    }
}
