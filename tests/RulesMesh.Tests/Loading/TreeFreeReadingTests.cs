using System.Text;
using System.Text.Json;
using CsCheck;
using k8s.Models;
using RulesMesh.Loading;
using RulesMesh.Modeling;
using RulesMesh.Tests.Loading.Readers;
using RulesMesh.Tests.Loading.Schema;

namespace RulesMesh.Tests.Loading;

/// <summary>
/// A core-kind document is loaded straight from its JSON, without a parsed tree, when it passes every check; anything
/// else goes to the tree. Either way the loader gives the same objects and the same errors, at the same line and field,
/// as when every document is parsed.
/// </summary>
public sealed class TreeFreeReadingTests
{
    private static readonly JsonSerializerOptions Options = ManifestJsonOptions.Default;

    // What the loader reads the JSON of a document with: its depth limit and a level for the root, a little room.
    private static readonly int MaxDepth = LoaderLimits.Default.MaxDepth + 2;

    [Theory]
    [InlineData("""{"apiVersion":"v1","kind":"Pod","metadata":{"name":"web-1","namespace":"shop","labels":null},"spec":{"containers":[{"name":"app","args":["a",""]}]}}""")]
    [InlineData("""{"metadata":{"name":"web","namespace":"shop"},"spec":{"type":"ClusterIP","ports":[{"port":80,"protocol":"TCP"},{"port":81}]},"kind":"Service","apiVersion":"v1"}""")]
    [InlineData("""{"apiVersion":"discovery.k8s.io/v1","kind":"EndpointSlice","metadata":{"name":"web-abc","namespace":"shop"},"addressType":"IPv4","endpoints":[{"addresses":["10.0.0.1"]}]}""")]
    [InlineData("""{"apiVersion":"v1","kind":"Namespace","metadata":{"name":"shop"}}""")]
    [InlineData("""{"apiVersion":"v1","kind":"Node","metadata":{"name":"node-1.zone-a"}}""")]
    public void A_valid_core_document_is_read_without_a_tree_into_the_object_the_tree_gives(string json)
    {
        var typed = TreeFreeReading.TryRead(Encoding.UTF8.GetBytes(json), MaxDepth, ModelRegistry.Default, Options, new StringPool(), out var model);

        Assert.NotNull(typed);
        var element = JsonDocument.Parse(json).RootElement;
        Assert.Equal(model, ModelRegistry.Default.Models.Single(each => each.ApiVersion == element.GetProperty("apiVersion").GetString() && each.Kind == element.GetProperty("kind").GetString()));
        Assert.Equal(Serialized(model!.Deserialize(element, Options, new StringPool())), Serialized(typed));
    }

    [Theory]
    [InlineData("""{"apiVersion":"v1","kind":"Service","metadata":{"name":"web"},"spec":{"ports":[null]}}""")]
    [InlineData("""{"apiVersion":"v1","kind":"Pod","metadata":{"name":"web"},"spec":{"containers":[{"name":"app","args":["a",null]}]}}""")]
    [InlineData("""{"apiVersion":"v1","kind":"Pod","metadata":{"name":"web","annotations":{"x":null}},"status":{"extra":[[null]]}}""")]
    [InlineData("""{"apiVersion":"v1","kind":"Pod","metadata":{"name":"Web_1"}}""")]
    [InlineData("""{"apiVersion":"v1","kind":"Pod","metadata":{"namespace":"shop"}}""")]
    [InlineData("""{"apiVersion":"v1","kind":"Pod","metadata":{"name":""}}""")]
    [InlineData("""{"apiVersion":"v1","kind":"Pod"}""")]
    [InlineData("""{"apiVersion":"v1","kind":"Pod","metadata":{"name":"web","namespace":"Shop"}}""")]
    [InlineData("""{"apiVersion":"v1","kind":"Service","metadata":{"name":"1web"}}""")]
    [InlineData("""{"apiVersion":"v1","kind":"Namespace","metadata":{"name":"a.b"}}""")]
    [InlineData("""{"apiVersion":"v1","kind":"Service","metadata":{"name":"web"},"spec":{"type":"Bogus"}}""")]
    [InlineData("""{"apiVersion":"v1","kind":"Service","metadata":{"name":"web"},"spec":{"ports":[{"port":80,"protocol":"HTTP"}]}}""")]
    [InlineData("""{"apiVersion":"v1","kind":"Pod","metadata":{"name":"web"},"spec":{"containers":"app"}}""")]
    [InlineData("""{"apiVersion":"v1","kind":"Pod","metadata":{"name":7}}""")]
    [InlineData("""{"apiVersion":1,"kind":"Pod","metadata":{"name":"web"}}""")]
    [InlineData("""{"apiVersion":"v1","kind":["Pod"],"metadata":{"name":"web"}}""")]
    [InlineData("""{"apiVersion":"v1","kind":"","metadata":{"name":"web"}}""")]
    [InlineData("""{"apiVersion":"v1","kind":null,"metadata":{"name":"web"}}""")]
    [InlineData("""{"kind":"Pod","metadata":{"name":"web"}}""")]
    [InlineData("""{"apiVersion":"v\u0031","kind":"Pod","metadata":{"name":"web"}}""")]
    [InlineData("""{"apiVersion":"example.com/v1","kind":"Widget","metadata":{"name":"web"}}""")]
    [InlineData("""{"apiVersion":"networking.istio.io/v1","kind":"ServiceEntry","metadata":{"name":"web"},"spec":{"hosts":["web.example.com"]}}""")]
    [InlineData("""["apiVersion","kind"]""")]
    [InlineData("\"a Pod\"")]
    public void A_document_that_breaks_a_check_or_is_unusual_is_left_to_the_tree(string json)
    {
        Assert.Null(TreeFreeReading.TryRead(Encoding.UTF8.GetBytes(json), MaxDepth, ModelRegistry.Default, Options, new StringPool(), out _));
    }

    [Fact]
    public void A_name_longer_than_any_rule_allows_is_left_to_the_tree()
    {
        var json = $$$"""{"apiVersion":"v1","kind":"Node","metadata":{"name":"{{{new string('a', 254)}}}"}}""";
        var longest = $$$"""{"apiVersion":"v1","kind":"Node","metadata":{"name":"{{{string.Join('.', new string('a', 63), new string('b', 63), new string('c', 63), new string('d', 61))}}}"}}""";

        Assert.Null(TreeFreeReading.TryRead(Encoding.UTF8.GetBytes(json), MaxDepth, ModelRegistry.Default, Options, new StringPool(), out _));
        Assert.NotNull(TreeFreeReading.TryRead(Encoding.UTF8.GetBytes(longest), MaxDepth, ModelRegistry.Default, Options, new StringPool(), out _));
    }

    [Theory]
    [InlineData("apiVersion: v1\nkind: Service\nmetadata:\n  name: web\nspec:\n  ports:\n  - port: 80\n  - null\n")]
    [InlineData("apiVersion: v1\nkind: Service\nmetadata:\n  name: web\nspec:\n  ports:\n  - port: 80\n    protocol: HTTP\n  type: Bogus\n")]
    [InlineData("apiVersion: v1\nkind: Pod\nmetadata:\n  name: Web_1\n  namespace: Shop\n")]
    [InlineData("apiVersion: v1\nkind: Pod\nmetadata:\n  labels:\n    app: web\n")]
    [InlineData("apiVersion: v1\nkind: Service\nmetadata:\n  name: 1web\n")]
    [InlineData("apiVersion: v1\nkind: Namespace\nmetadata:\n  name: a.b\n")]
    [InlineData("apiVersion: 1\nkind: Pod\nmetadata:\n  name: web\n")]
    [InlineData("apiVersion: v1\nkind:\n- Pod\nmetadata:\n  name: web\n")]
    [InlineData("apiVersion: v1\nkind: ''\nmetadata:\n  name: web\n")]
    [InlineData("kind: Pod\nmetadata:\n  name: web\n")]
    [InlineData("- apiVersion\n- kind\n")]
    [InlineData("just text\n")]
    [InlineData("apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\nspec:\n  containers:\n  - name: app\n    ports:\n    - containerPort: eighty\n")]
    [InlineData("apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\nspec:\n  containers: app\n")]
    [InlineData("apiVersion: v1\nkind: Namespace\nmetadata:\n  name: a\n  creationTimestamp: yesterday\n")]
    [InlineData("apiVersion: example.com/v1\nkind: Widget\nmetadata:\n  name: a\n")]
    [InlineData("apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\n  namespace: shop\nspec:\n  containers:\n  - name: app\n    args: [a, '']\n")]
    [InlineData("apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\nspec:\n  containers:\n  - name: app\n    args: ['a,null', '[null']\n")]
    [InlineData("apiVersion: v1\nkind: Namespace\nmetadata:\n  name: web\nkind: Pod\n")]
    [InlineData("{\"apiVersion\": \"v1\", \"kind\": \"Namespace\", \"metadata\": {\"name\": \"web\"}, \"kind\": \"Pod\"}\n")]
    public void A_core_document_loads_with_the_same_objects_and_errors_with_or_without_the_tree(string yaml)
    {
        var text = $"apiVersion: v1\nkind: Namespace\nmetadata:\n  name: shop\n---\n{yaml}---\napiVersion: v1\nkind: Pod\nmetadata:\n  name: after\n";

        var withTree = Load(text, withoutTree: false);
        var withoutTree = Load(text, withoutTree: true);

        Assert.Equal(Seen(withTree), Seen(withoutTree));
        Assert.Equal(0, withTree.DocumentsReadWithoutTree);
        Assert.InRange(withoutTree.DocumentsReadWithoutTree, 2, 3);
    }

    [Fact]
    public void With_options_the_generated_readers_do_not_honour_a_document_gets_the_trees_refusal()
    {
        // Read case-insensitively, "Metadata" would give the Pod a name; the tree path finds no metadata.name.
        const string text = "apiVersion: v1\nkind: Pod\nMetadata:\n  name: web\n";
        var options = new JsonSerializerOptions(ManifestJsonOptions.Default) { PropertyNameCaseInsensitive = true };

        var result = new ManifestLoader(jsonOptions: options).LoadText(text, "doc.yaml");

        Assert.Empty(result.Resources);
        Assert.Contains("metadata.name is required", Assert.Single(result.Diagnostics).Message);
        Assert.Equal(Seen(new ManifestLoader(jsonOptions: options) { ReadsWithoutTree = false }.LoadText(text, "doc.yaml")), Seen(result));
        Assert.Equal(0, result.DocumentsReadWithoutTree);
    }

    [Fact]
    public void A_core_model_given_its_own_reader_reads_every_document_with_it()
    {
        var builtIn = CoreKubernetesModels.All.Single(model => model.Kind == "Pod");
        var own = builtIn with { Deserialize = (_, _, _) => new V1Pod { Metadata = new V1ObjectMeta { Name = "read-by-own-reader" } } };

        var result = new ManifestLoader(ModelRegistry.Default.With([own])).LoadText("apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\n", "pod.yaml");

        var pod = Assert.Single(result.Resources);
        Assert.Same(own, pod.Model);
        Assert.Equal("read-by-own-reader", Assert.IsType<V1Pod>(pod.Object).Metadata.Name);
        Assert.NotNull(builtIn.DeserializeUtf8);
        Assert.Null(own.DeserializeUtf8);
    }

    [Fact]
    public void Random_changes_to_core_manifests_load_the_same_with_or_without_the_tree()
    {
        var manifests = CoreModelReaderDifferentialTests.Manifests();
        var readWithoutTree = 0;
        var leftToTree = 0;
        Gen.Select(Gen.Int[0, manifests.Count - 1], Gen.Int, Gen.Int[0, 2]).Sample(
            (index, seed, changes) =>
            {
                var documents = new SchemaShapedDocuments(new Random(seed));
                var document = manifests[index].Document;
                for (var change = 0; change < changes; change++)
                {
                    document = documents.Mutate(document);
                }

                var json = document.ToJsonString();
                var withTree = Load(json, withoutTree: false);
                var withoutTree = Load(json, withoutTree: true);
                if (withoutTree.DocumentsReadWithoutTree == 0)
                {
                    leftToTree++;
                }
                else
                {
                    readWithoutTree++;
                }

                return withTree.DocumentsReadWithoutTree == 0 && Seen(withTree) == Seen(withoutTree);
            },
            iter: 3000,
            threads: 1,
            print: t => $"{manifests[t.Item1].Model.Kind} #{t.Item1}, seed {t.Item2}, {t.Item3} changes");

        Assert.True(readWithoutTree >= 300 && leftToTree >= 300, $"{readWithoutTree} read without a tree and {leftToTree} left to it: both must be common");
    }

    [Fact]
    public void A_document_read_without_the_tree_keeps_its_line_and_source_map()
    {
        const string text = "apiVersion: v1\nkind: Namespace\nmetadata:\n  name: shop\n---\n# a Pod\napiVersion: v1\nkind: Pod\nmetadata:\n  name: web\n  namespace: shop\n";

        var result = new ManifestLoader().LoadText(text, "pods.yaml");
        var pod = result.Resources[1];

        Assert.Equal(2, result.DocumentsReadWithoutTree);
        Assert.Equal(7, pod.Document.Line);
        Assert.Equal(new SourcePosition(11, 3), pod.Document.SourceMap.Locate("metadata.namespace"));
        Assert.Equal("web", (string?)pod.Document.Json["metadata"]?["name"]);
        Assert.Equal("web", Assert.IsType<V1Pod>(pod.Object).Metadata.Name);
    }

    // Everything a load gives that a user or a later stage can see: each object with its model, file and line, and each
    // diagnostic with its words, line, column and field.
    private static string Seen(LoadResult result)
        => string.Join(
            "\n",
            result.Resources.Select(resource => $"{resource.Model.ApiVersion} {resource.Model.Kind} {resource.Document.SourceName}:{resource.Document.Line} {Serialized(resource.Object)}")
                .Concat(result.Diagnostics.Select(diagnostic => diagnostic.ToString())));

    private static LoadResult Load(string text, bool withoutTree) => new ManifestLoader { ReadsWithoutTree = withoutTree }.LoadText(text, "doc.yaml");

    private static string Serialized(object? value) => value is null ? "null" : JsonSerializer.Serialize(value, value.GetType(), Options);
}
