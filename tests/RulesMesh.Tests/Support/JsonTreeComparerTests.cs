using System.Text.Json.Nodes;

namespace RulesMesh.Tests.Support;

public sealed class JsonTreeComparerTests
{
    [Theory]
    [InlineData("""{"a":1,"b":[1,2]}""", """{"b":[1,2],"a":1}""")]
    [InlineData("""{"n":1}""", """{"n":1.0}""")]
    [InlineData("""{"n":1e3}""", """{"n":1000}""")]
    [InlineData("""{"a":null,"b":"x"}""", """{"b":"x"}""")]
    [InlineData("""[null]""", """[null]""")]
    public void TreesThatMeanTheSameAreEqual(string expected, string actual)
        => Assert.Null(JsonTreeComparer.FirstDifference(JsonNode.Parse(expected), JsonNode.Parse(actual)));

    [Theory]
    [InlineData("""{"spec":{"ports":[{"port":80},{"port":81}]}}""", """{"spec":{"ports":[{"port":80},{"port":"81"}]}}""", "at spec.ports[1].port: expected 81, found \"81\"")]
    [InlineData("""{"a":[1,2]}""", """{"a":[1]}""", "at a: expected 2 items, found 1")]
    [InlineData("""{"labels":{"app.kubernetes.io/name":"x"}}""", """{"labels":{}}""", "at labels['app.kubernetes.io/name']: expected \"x\", found nothing")]
    [InlineData("""{"a":{}}""", """{"a":[]}""", "at a: expected {}, found []")]
    [InlineData("""{"a":true}""", """{"a":false}""", "at a: expected true, found false")]
    [InlineData("""1""", """2""", "at the document root: expected 1, found 2")]
    public void TheFirstDifferenceIsReportedWithItsPath(string expected, string actual, string difference)
        => Assert.Equal(difference, JsonTreeComparer.FirstDifference(JsonNode.Parse(expected), JsonNode.Parse(actual)));
}
