using System.Text.Json.Nodes;
using RulesMesh.Cli.Tests.Support;
using RulesMesh.Tests.Support;

namespace RulesMesh.Cli.Tests;

/// <summary>
/// The hostile-input corpus (Corpus/README.md): every case exits and writes to standard error exactly what its
/// <c>.expected</c> file says, and a translation that prints a document prints JSON, with YAML that reads back the same.
/// </summary>
public sealed class CorpusTests
{
    public static TheoryData<string> Cases => new(CorpusCase.All());

    [Theory]
    [MemberData(nameof(Cases))]
    public void Case_exits_and_reports_as_expected(string id)
    {
        var corpusCase = CorpusCase.Named(id);

        var outcome = corpusCase.Run();

        Assert.Equal(corpusCase.Expected, outcome.Report);
        if (corpusCase.PrintsJson(outcome.ExitCode))
        {
            var json = JsonNode.Parse(outcome.Output);
            var yaml = corpusCase.Run(format: "yaml");
            Assert.Equal(outcome.Report, yaml.Report);
            var readBack = StrictYamlJsonReader.Read(yaml.Output);
            Assert.True(JsonNode.DeepEquals(json, readBack), $"{id}: the YAML output reads back differently from the JSON output.");
        }
    }
}
