using System.Text.Json;
using System.Text.Json.Nodes;
using CsCheck;
using RulesMesh.Loading;
using RulesMesh.Modeling;
using RulesMesh.Tests.Support;

namespace RulesMesh.Tests.Loading.Schema;

/// <summary>
/// The compiled structural check accepts exactly the manifests NJsonSchema accepts, for every bundled kind with a
/// schema: on documents shaped from the schema with random breakage, and on the sample and conformance manifests with
/// one random change each. (A manifest it does not accept goes through NJsonSchema, so accepting exactly the same ones
/// keeps every verdict and message as before.)
/// </summary>
public sealed class StructuralSchemaAgreementTests
{
    private static readonly IReadOnlyList<ModelDescriptor> KindsWithSchema =
        ModelRegistry.Default.Models.Where(model => model.SchemaJson is not null).OrderBy(model => model.ApiVersion + "/" + model.Kind, StringComparer.Ordinal).ToList();

    private readonly SchemaValidator validator = new();

    [Fact]
    public void Documents_shaped_from_each_schema_get_the_same_verdict_from_the_compiled_check_and_NJsonSchema()
    {
        var verdicts = new Tally();
        Gen.Select(Gen.Int[0, KindsWithSchema.Count - 1], Gen.Int).Sample(
            pair =>
            {
                var (kindIndex, seed) = pair;
                var model = KindsWithSchema[kindIndex];
                var documents = new SchemaShapedDocuments(new Random(seed));
                var document = documents.Document(model.ApiVersion, model.Kind, JsonNode.Parse(model.SchemaJson!)!.AsObject());
                return Agrees(model, document, verdicts) && Agrees(model, documents.Mutate(document), verdicts);
            },
            iter: 4000,
            threads: 1,
            print: pair => $"{KindsWithSchema[pair.Item1].Kind}, seed {pair.Item2}");

        verdicts.AssertBothSeen(minimum: 200);
    }

    [Fact]
    public void Sample_and_conformance_manifests_and_changes_to_them_get_the_same_verdict_from_the_compiled_check_and_NJsonSchema()
    {
        var manifests = RealManifests();
        Assert.NotEmpty(manifests);
        var verdicts = new Tally();
        foreach (var (model, document) in manifests)
        {
            Assert.True(Agrees(model, document, verdicts), $"{model.Kind}: {document.ToJsonString()}");
        }

        Gen.Select(Gen.Int[0, manifests.Count - 1], Gen.Int).Sample(
            pair =>
            {
                var (index, seed) = pair;
                var (model, document) = manifests[index];
                var documents = new SchemaShapedDocuments(new Random(seed));
                var changed = documents.Mutate(document);
                return Agrees(model, changed, verdicts) && Agrees(model, documents.Mutate(changed), verdicts);
            },
            iter: 4000,
            threads: 1,
            print: pair => $"{manifests[pair.Item1].Model.Kind} #{pair.Item1}, seed {pair.Item2}");

        verdicts.AssertBothSeen(minimum: 200);
    }

    private bool Agrees(ModelDescriptor model, JsonNode document, Tally verdicts)
    {
        var manifest = JsonSerializer.SerializeToElement(document, ManifestJsonOptions.Default);
        bool expected;
        try
        {
            expected = validator.NJsonSchemaAccepts(model, manifest);
        }
        catch (InvalidCastException)
        {
            // NJsonSchema cannot compare an integer beyond 64 bits with a bound; the loader reports that as it always has.
            expected = false;
        }

        var actual = validator.StructureAccepts(model, manifest);
        verdicts.Add(expected);
        return actual == expected;
    }

    private static List<(ModelDescriptor Model, JsonNode Document)> RealManifests()
    {
        var files = Directory.EnumerateFiles(RepositoryPaths.Samples, "*.yaml", SearchOption.AllDirectories)
            .Concat(Directory.Exists(RepositoryPaths.KgatewayConformance)
                ? Directory.EnumerateFiles(RepositoryPaths.KgatewayConformance, "*.yaml", SearchOption.AllDirectories)
                : [])
            .Order(StringComparer.Ordinal);
        var manifests = new List<(ModelDescriptor, JsonNode)>();
        foreach (var file in files)
        {
            foreach (var document in ManifestReader.Read(File.ReadAllText(file), file).Documents)
            {
                if (document.Json is JsonObject json
                    && (string?)json["apiVersion"] is { } apiVersion
                    && (string?)json["kind"] is { } kind
                    && ModelRegistry.Default.TryGet(apiVersion, kind, out var model)
                    && model.SchemaJson is not null)
                {
                    // A fresh tree, detached from the reader's source map.
                    manifests.Add((model, JsonNode.Parse(json.ToJsonString())!));
                }
            }
        }

        return manifests;
    }

    // Counts NJsonSchema's verdicts, so a generator that only ever makes valid (or only broken) documents is noticed.
    private sealed class Tally
    {
        private int accepted;
        private int rejected;

        public void Add(bool isAccepted)
        {
            if (isAccepted)
            {
                accepted++;
            }
            else
            {
                rejected++;
            }
        }

        public void AssertBothSeen(int minimum)
        {
            Assert.True(accepted >= minimum, $"only {accepted} accepted manifests (and {rejected} rejected)");
            Assert.True(rejected >= minimum, $"only {rejected} rejected manifests (and {accepted} accepted)");
        }
    }
}
