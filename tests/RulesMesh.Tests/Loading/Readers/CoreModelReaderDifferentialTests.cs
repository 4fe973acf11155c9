using System.Text.Json;
using System.Text.Json.Nodes;
using CsCheck;
using k8s.Models;
using RulesMesh.Loading;
using RulesMesh.Modeling;
using RulesMesh.Synthetic;
using RulesMesh.Tests.Loading.Schema;
using RulesMesh.Tests.Support;

namespace RulesMesh.Tests.Loading.Readers;

/// <summary>
/// The generated readers of the core kinds read exactly what System.Text.Json's reflection deserializer reads: the same
/// objects from the sample, conformance and synthetic manifests and from random changes to them, and the same failure
/// (exception type, words and JSON path) where it fails.
/// </summary>
public sealed class CoreModelReaderDifferentialTests
{
    private static readonly JsonSerializerOptions Options = ManifestJsonOptions.Default;

    [Fact]
    public void Every_sample_conformance_synthetic_and_hand_made_core_manifest_reads_as_the_reflection_deserializer_reads_it()
    {
        var manifests = Manifests();
        Assert.Contains(manifests, m => m.Model.Kind == "Pod");
        Assert.Contains(manifests, m => m.Model.Kind == "EndpointSlice");
        foreach (var (model, document) in manifests)
        {
            var element = JsonSerializer.SerializeToElement(document);
            var expected = Outcome.Of(() => Reflection(model, element));
            Assert.True(expected.Succeeded, $"{model.Kind} {document.ToJsonString()} must read: {expected}");
            Assert.Equal(expected, Outcome.Of(() => model.Deserialize(element, Options, new StringPool())));
        }
    }

    [Fact]
    public void Random_changes_to_core_manifests_read_or_fail_as_the_reflection_deserializer_does()
    {
        var manifests = Manifests();
        var succeeded = 0;
        var failed = 0;
        Gen.Select(Gen.Int[0, manifests.Count - 1], Gen.Int).Sample(
            pair =>
            {
                var (index, seed) = pair;
                var (model, document) = manifests[index];
                var documents = new SchemaShapedDocuments(new Random(seed));
                var changed = documents.Mutate(documents.Mutate(document));
                var element = JsonSerializer.SerializeToElement(changed);
                var expected = Outcome.Of(() => Reflection(model, element));
                if (expected.Succeeded)
                {
                    succeeded++;
                }
                else
                {
                    failed++;
                }

                return expected == Outcome.Of(() => model.Deserialize(element, Options, new StringPool()));
            },
            iter: 6000,
            threads: 1,
            print: pair => $"{manifests[pair.Item1].Model.Kind} #{pair.Item1}, seed {pair.Item2}: {manifests[pair.Item1].Document.ToJsonString()}");

        Assert.True(succeeded >= 500 && failed >= 500, $"{succeeded} read and {failed} refused: both must be common");
    }

    [Theory]
    [InlineData("""{"spec":{"containers":[{"ports":[{"containerPort":"80"}]}]}}""", "The JSON value could not be converted to System.Int32.", "$.spec.containers[0].ports[0].containerPort")]
    [InlineData("""{"spec":{"containers":[{"ports":[{"containerPort":null}]}]}}""", "The JSON value could not be converted to System.Int32.", "$.spec.containers[0].ports[0].containerPort")]
    [InlineData("""{"spec":{"containers":{"name":"app"}}}""", "The JSON value could not be converted to System.Collections.Generic.IList`1[k8s.Models.V1Container].", "$.spec.containers")]
    [InlineData("""{"metadata":{"labels":{"app.kubernetes.io/name":1}}}""", "The JSON value could not be converted to System.String.", "$.metadata.labels['app.kubernetes.io/name']")]
    [InlineData("""{"metadata":{"labels":{"it's":true}}}""", "The JSON value could not be converted to System.String.", "$.metadata.labels['it's']")]
    [InlineData("""{"spec":{"hostNetwork":"yes"}}""", "The JSON value could not be converted to System.Nullable`1[System.Boolean].", "$.spec.hostNetwork")]
    [InlineData("""{"spec":{"overhead":{"cpu":[1]}}}""", "The JSON value could not be converted to k8s.Models.ResourceQuantity.", "$.spec.overhead.cpu")]
    [InlineData("""{"metadata":{"creationTimestamp":5}}""", "The JSON value could not be converted to System.Nullable`1[System.DateTime].", "$.metadata.creationTimestamp")]
    [InlineData("""{"status":{"conditions":[{"type":"Ready"},"Ready"]}}""", "The JSON value could not be converted to k8s.Models.V1PodCondition.", "$.status.conditions[1]")]
    public void A_wrong_value_fails_with_the_serializers_words_and_path(string pod, string words, string path)
    {
        var model = CoreKubernetesModels.All.Single(m => m.Kind == "Pod");
        var failure = Assert.Throws<JsonException>(() => model.Deserialize(JsonDocument.Parse(pod).RootElement, Options, new StringPool()));
        Assert.StartsWith(words + " Path: " + path + " |", failure.Message, StringComparison.Ordinal);
        Assert.Equal(path, failure.Path);
    }

    [Theory]
    [InlineData("""{"spec":{"ports":[{"port":80,"targetPort":8080}]}}""")]
    [InlineData("""{"spec":{"ports":[{"port":80,"targetPort":"http"}]}}""")]
    [InlineData("""{"spec":{"ports":[{"port":80,"targetPort":null}]}}""")]
    [InlineData("""{"spec":{"ports":[{"port":80,"targetPort":[8080]}]}}""")]
    [InlineData("""{"spec":{"ports":[{"port":80,"targetPort":{"port":8080}}]}}""")]
    [InlineData("""{"spec":{"ports":[{"port":80,"targetPort":true}]}}""")]
    [InlineData("""{"spec":{"ports":[{"port":80,"targetPort":80.5}]}}""")]
    [InlineData("""{"spec":{"ports":[{"port":80,"targetPort":99999999999999999999}]}}""")]
    [InlineData("""{"metadata":{"creationTimestamp":"2024-05-01T10:00:00Z","deletionTimestamp":"2024-05-01T10:00:00.123456Z"}}""")]
    [InlineData("""{"metadata":{"creationTimestamp":"2024-05-01T10:00:00.123456789Z"}}""")]
    [InlineData("""{"metadata":{"creationTimestamp":null}}""")]
    [InlineData("""{"metadata":{"creationTimestamp":"yesterday"}}""")]
    [InlineData("""{"metadata":{"creationTimestamp":""}}""")]
    [InlineData("""{"metadata":{"creationTimestamp":true}}""")]
    [InlineData("""{"metadata":{"creationTimestamp":{"at":1}}}""")]
    [InlineData("""{"status":{"loadBalancer":{"ingress":[{"ip":"1.2.3.4"}]},"conditions":[{"type":"Ready","status":"True","lastTransitionTime":"2024-05-01T10:00:00Z"}]}}""")]
    [InlineData("""{"status":{"conditions":[{"type":"Ready","status":"True","lastTransitionTime":null}]}}""")]
    public void A_services_int_or_string_ports_and_dates_read_or_fail_as_the_reflection_deserializer_does(string service)
    {
        var model = CoreKubernetesModels.All.Single(m => m.Kind == "Service");
        var element = JsonDocument.Parse(service).RootElement;

        Assert.Equal(Outcome.Of(() => Reflection(model, element)), Outcome.Of(() => model.Deserialize(element, Options, new StringPool())));
    }

    [Theory]
    [InlineData("sidecar/inject")]
    [InlineData("say\"hi\"")]
    [InlineData("a$b")]
    [InlineData("two words")]
    [InlineData("plain-name_1")]
    public void A_failing_map_key_is_written_in_the_path_as_the_serializer_writes_it(string key)
    {
        var model = CoreKubernetesModels.All.Single(m => m.Kind == "Pod");
        var pod = JsonDocument.Parse("{\"metadata\":{\"labels\":{" + JsonSerializer.Serialize(key) + ":1}}}").RootElement;
        var reflected = Assert.Throws<JsonException>(() => pod.Deserialize<V1Pod>(Options));

        var generated = Assert.Throws<JsonException>(() => model.Deserialize(pod, Options, new StringPool()));

        Assert.Equal(reflected.Path, generated.Path);
    }

    [Fact]
    public void A_converter_that_refuses_a_kind_of_value_fails_as_not_supported_naming_the_type_and_path()
    {
        var model = CoreKubernetesModels.All.Single(m => m.Kind == "Pod");
        var pod = JsonDocument.Parse("""{"spec":{"containers":[{"livenessProbe":{"httpGet":{"port":[8080]}}}]}}""").RootElement;

        var failure = Assert.Throws<NotSupportedException>(() => model.Deserialize(pod, Options, new StringPool()));

        Assert.Contains("The unsupported member type is located on type 'k8s.Models.IntOrString'. Path: $.spec.containers[0].livenessProbe.httpGet.port |", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Options_that_change_how_names_match_are_left_to_the_serializer()
    {
        var model = CoreKubernetesModels.All.Single(m => m.Kind == "Pod");
        var insensitive = new JsonSerializerOptions(Options) { PropertyNameCaseInsensitive = true };
        var pod = JsonDocument.Parse("""{"Metadata":{"Name":"web"}}""").RootElement;

        Assert.False(ModelReading.ReadsAsGenerated(insensitive));
        Assert.Equal("web", ((V1Pod)model.Deserialize(pod, insensitive, new StringPool())!).Metadata.Name);
        Assert.Null(((V1Pod)model.Deserialize(pod, Options, new StringPool())!).Metadata);
    }

    private static object? Reflection(ModelDescriptor model, JsonElement element) => element.Deserialize(model.ClrType, Options);

    /// <summary>Every core manifest of the samples, the conformance goldens and a small synthetic mesh, and the hand-made ones.</summary>
    internal static List<(ModelDescriptor Model, JsonNode Document)> Manifests()
    {
        var core = CoreKubernetesModels.All;
        var files = Directory.EnumerateFiles(RepositoryPaths.Samples, "*.yaml", SearchOption.AllDirectories)
            .Concat(Directory.Exists(RepositoryPaths.KgatewayConformance)
                ? Directory.EnumerateFiles(RepositoryPaths.KgatewayConformance, "*.yaml", SearchOption.AllDirectories)
                : [])
            .Order(StringComparer.Ordinal);
        var documents = files
            .SelectMany(file => ManifestReader.Read(File.ReadAllText(file), file).Documents)
            .Select(document => document.Json)
            .OfType<JsonObject>()
            .Select(json => JsonNode.Parse(json.ToJsonString())!)
            .Concat(SyntheticMesh.Build(new SyntheticMeshOptions { Services = 3, ServiceEntries = 1, Workloads = 12, Waypoints = 1 })
                .Select(resource => JsonSerializer.SerializeToNode(resource, resource.GetType(), Options)!))
            .Concat(HandMade.Select(json => JsonNode.Parse(json)!));
        return documents
            .Select(document => (Model: core.SingleOrDefault(m => m.ApiVersion == (string?)document["apiVersion"] && m.Kind == (string?)document["kind"]), Document: document))
            .Where(pair => pair.Model is not null)
            .Select(pair => (pair.Model!, pair.Document))
            .ToList();
    }

    // Fields the samples leave out: quantities, int-or-strings, dates, bytes, escaped names, unknown fields, nulls.
    private static readonly string[] HandMade =
    [
        """
        {"apiVersion":"v1","kind":"Pod","metadata":{"name":"web","namespace":"shop","creationTimestamp":"2024-05-01T10:00:00Z","labels":{"\u0061pp":"web","a.b/c":"d"},"annotations":{"note":""},"ownerReferences":[{"apiVersion":"apps/v1","kind":"ReplicaSet","name":"web-1","uid":"u","controller":true}],"generation":3,"unknownField":{"deep":[1,2,{"x":null}]}},
         "spec":{"nodeName":"node-1","hostNetwork":false,"terminationGracePeriodSeconds":30,"overhead":{"cpu":"250m"},
           "containers":[{"name":"app","image":"app:1","ports":[{"containerPort":8080,"name":"http","protocol":"TCP"}],"resources":{"limits":{"cpu":"1","memory":"1Gi"},"requests":{"cpu":"100m"}},
             "livenessProbe":{"httpGet":{"path":"/healthz","port":"http"},"periodSeconds":10},"readinessProbe":{"tcpSocket":{"port":8080}},"env":[{"name":"A","value":"1"},{"name":"B","valueFrom":{"fieldRef":{"fieldPath":"status.podIP"}}}],"args":["--x",""]}],
           "initContainers":null,"tolerations":[{"key":"k","operator":"Exists","tolerationSeconds":60}]},
         "status":{"phase":"Running","podIP":"10.0.0.1","podIPs":[{"ip":"10.0.0.1"},{"ip":"fd00::1"}],"conditions":[{"type":"Ready","status":"True","lastTransitionTime":"2024-05-01T10:00:01Z"}],"startTime":null}}
        """,
        """
        {"apiVersion":"v1","kind":"Service","metadata":{"name":"web","namespace":"shop"},"spec":{"type":"ClusterIP","clusterIP":"10.96.0.1","clusterIPs":["10.96.0.1"],"ipFamilies":["IPv4"],"selector":{"app":"web"},"ports":[{"name":"http","port":80,"targetPort":8080,"appProtocol":"http"},{"name":"grpc","port":81,"targetPort":"grpc","nodePort":30001}],"sessionAffinity":"None"},"status":{"loadBalancer":{"ingress":[{"ip":"1.2.3.4","ports":[{"port":80,"protocol":"TCP"}]}]}}}
        """,
        """
        {"apiVersion":"v1","kind":"Node","metadata":{"name":"node-1","labels":{"topology.kubernetes.io/zone":"z1","topology.kubernetes.io/region":"r1"}},"spec":{"podCIDR":"10.0.0.0/24","taints":[{"key":"k","effect":"NoSchedule","timeAdded":"2024-05-01T10:00:00Z"}]},"status":{"capacity":{"cpu":"4","memory":"16Gi"},"addresses":[{"type":"InternalIP","address":"192.168.0.1"}]}}
        """,
        """
        {"apiVersion":"discovery.k8s.io/v1","kind":"EndpointSlice","metadata":{"name":"web-abc","namespace":"shop","labels":{"kubernetes.io/service-name":"web"}},"addressType":"IPv4","endpoints":[{"addresses":["10.0.0.1"],"conditions":{"ready":true,"serving":true,"terminating":false},"nodeName":"node-1","zone":"z1","targetRef":{"kind":"Pod","name":"web","namespace":"shop"},"hints":{"forZones":[{"name":"z1"}]}}],"ports":[{"name":"http","port":8080,"protocol":"TCP","appProtocol":null}]}
        """,
        """
        {"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"mesh","namespace":"istio-system"},"data":{"mesh":"defaultConfig: {}","empty":""},"binaryData":{"blob":"AAEC"},"immutable":true}
        """,
        """
        {"apiVersion":"v1","kind":"Namespace","metadata":{"name":"shop","labels":{"istio.io/dataplane-mode":"ambient"}},"spec":{"finalizers":["kubernetes"]},"status":{"phase":"Active"}}
        """,
    ];

    /// <summary>What reading gave: the object as JSON, or the exception's type, words and JSON path.</summary>
    private sealed record Outcome(bool Succeeded, string Text, string? Path)
    {
        public static Outcome Of(Func<object?> read)
        {
            try
            {
                var value = read();
                return new Outcome(true, value is null ? "null" : JsonSerializer.Serialize(value, value.GetType(), Options), null);
            }
            catch (Exception exception)
            {
                // The line and byte position refer to the intermediate JSON, which no one sees; words and path are compared.
                var message = exception.Message;
                var at = message.IndexOf(" Path: ", StringComparison.Ordinal);
                var words = at < 0 ? message : message[..at];
                var path = at < 0 ? null : message[(at + " Path: ".Length)..message.IndexOf(" |", at, StringComparison.Ordinal)];
                return new Outcome(false, $"{exception.GetType().Name}: {words}", path);
            }
        }
    }
}
