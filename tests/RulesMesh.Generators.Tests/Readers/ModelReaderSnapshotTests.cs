using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using RulesMesh.Generators.Readers;
using RulesMesh.Generators.Tests.Infrastructure;

namespace RulesMesh.Generators.Tests.Readers;

/// <summary>
/// The model reader generator on a small model that shows every way a property is read; the output is compared with
/// the approved file under Snapshots/model_readers (RULESMESH_UPDATE_SNAPSHOTS=1 rewrites it for review).
/// </summary>
public sealed class ModelReaderSnapshotTests
{
    private const string Models = """
        using System.Collections.Generic;
        using System.Text.Json.Serialization;
        using RulesMesh.Modeling;

        namespace Shop;

        public sealed class Parcel
        {
            [JsonPropertyName("apiVersion")] public string ApiVersion { get; set; }
            [JsonPropertyName("weight")] public int Weight { get; set; }
            [JsonPropertyName("insured")] public bool? Insured { get; set; }
            [JsonPropertyName("tracking")] public long? Tracking { get; set; }
            [JsonPropertyName("ratio")] public double Ratio { get; set; }
            [JsonPropertyName("label")] public Label Label { get; set; }
            [JsonPropertyName("items")] public IList<Item> Items { get; set; }
            [JsonPropertyName("tags")] public IDictionary<string, string> Tags { get; set; }
            [JsonPropertyName("grid")] public IList<IList<int>> Grid { get; set; }
            [JsonPropertyName("stamp")] public Stamp Stamp { get; set; }
            [JsonPropertyName("sealed")] public Sealed Sealed { get; set; }
            [JsonPropertyName("event")] public string Event { get; set; }
            [JsonPropertyName("createdAt")] public System.DateTime? CreatedAt { get; set; }
            [JsonPropertyName("note"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public string Note { get; set; }
            [JsonPropertyName("computed")] public string Computed => ApiVersion;
        }

        public sealed class Label
        {
            [JsonPropertyName("text")] public string Text { get; set; }
            [JsonPropertyName("lines")] public IList<string> Lines { get; set; }
        }

        public sealed class Item
        {
            [JsonPropertyName("name")] public string Name { get; set; }
            [JsonPropertyName("label")] public Label Label { get; set; }
        }

        [JsonConverter(typeof(StampConverter))]
        public sealed class Stamp
        {
        }

        public sealed class StampConverter : JsonConverter<Stamp>
        {
            public override Stamp Read(ref System.Text.Json.Utf8JsonReader reader, System.Type typeToConvert, System.Text.Json.JsonSerializerOptions options) => new Stamp();

            public override void Write(System.Text.Json.Utf8JsonWriter writer, Stamp value, System.Text.Json.JsonSerializerOptions options) => writer.WriteNullValue();
        }

        public sealed class Sealed
        {
            [JsonPropertyName("code")] public required string Code { get; set; }
        }

        [GenerateModelReaders(typeof(Parcel))]
        internal static partial class ShopReaders;
        """;

    private static readonly bool Update = Environment.GetEnvironmentVariable("RULESMESH_UPDATE_SNAPSHOTS") == "1";

    [Fact]
    public void Readers_match_the_approved_snapshot_and_compile()
    {
        var compilation = ModelGeneratorHarness.Compilation(Models);
        var driver = CSharpGeneratorDriver.Create(new ModelReaderGenerator()).RunGeneratorsAndUpdateCompilation(compilation, out var output, out _);
        Assert.Empty(output.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error).Select(d => d.ToString()));

        var source = driver.GetRunResult().Results.Single().GeneratedSources.Single();
        Assert.Equal("Shop.ShopReaders.Readers.g.cs", source.HintName);
        var approvedPath = Path.Combine(RepositoryPaths.TestData("Snapshots", "model_readers"), "Shop.ShopReaders.Readers.approved.cs");
        var actual = source.SourceText.ToString();
        if (Update)
        {
            Directory.CreateDirectory(Path.GetDirectoryName(approvedPath)!);
            File.WriteAllText(approvedPath, actual);
        }

        Assert.True(File.Exists(approvedPath) && File.ReadAllText(approvedPath) == actual, $"Generated readers differ from {approvedPath}; rerun with RULESMESH_UPDATE_SNAPSHOTS=1 and review the diff.\n{actual}");
    }

    [Fact]
    public void Types_that_name_their_converter_and_dates_are_read_by_that_converter_and_required_members_by_the_serializer()
    {
        var compilation = ModelGeneratorHarness.Compilation(Models);
        var driver = CSharpGeneratorDriver.Create(new ModelReaderGenerator()).RunGeneratorsAndUpdateCompilation(compilation, out _, out _);
        var source = driver.GetRunResult().Results.Single().GeneratedSources.Single().SourceText.ToString();

        Assert.Contains("ReadWithConverter<global::Shop.Stamp>", source, StringComparison.Ordinal);
        Assert.Contains("ReadWithConverter<global::System.DateTime?>", source, StringComparison.Ordinal);
        Assert.Contains("ReadWithSerializer<global::Shop.Sealed>", source, StringComparison.Ordinal);
        Assert.DoesNotContain("ReadStamp(", source, StringComparison.Ordinal);
        Assert.DoesNotContain("ReadSealed(", source, StringComparison.Ordinal);
        Assert.DoesNotContain("\"computed\"u8", source, StringComparison.Ordinal);
    }
}
