using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization.Metadata;
using CsCheck;
using RulesMesh.Loading;
using RulesMesh.Models;
using RulesMesh.Modeling;
using RulesMesh.Synthetic;
using RulesMesh.Tests.Loading.Schema;
using RulesMesh.Tests.Support;

namespace RulesMesh.Tests.Loading.Readers;

/// <summary>
/// The readers the model generator emits for the CRD kinds read exactly what System.Text.Json's reflection deserializer
/// reads: the same objects from the sample, conformance, synthetic, schema-shaped and hand-made manifests and from random
/// changes to them, and the same failure (exception type, words and JSON path) where it fails. Required members,
/// extension data, property converters, wire enums, int-or-strings and raw JSON are all in these models.
/// </summary>
public sealed class CrdModelReaderDifferentialTests
{
    private static readonly JsonSerializerOptions Options = ManifestJsonOptions.Default;

    // The same options read by reflection: a resolver of the serializer's own kind that is not that type sends every
    // descriptor to the serializer, through the same version conversion (the CRD models are no source-generated context's).
    private static readonly JsonSerializerOptions ReflectionOptions = new(Options) { TypeInfoResolver = new ReflectionResolver() };

    [Fact]
    public void The_loaders_options_read_with_the_generated_readers_and_the_reference_options_do_not()
    {
        Assert.True(ModelReading.ReadsAsGenerated(Options));
        Assert.False(ModelReading.ReadsAsGenerated(ReflectionOptions));
    }

    [Fact]
    public void Every_sample_conformance_synthetic_schema_shaped_and_hand_made_crd_manifest_reads_as_the_reflection_deserializer_reads_it()
    {
        var manifests = Manifests();
        foreach (var kind in new[] { "ServiceEntry", "WorkloadEntry", "DestinationRule", "HTTPRoute", "AuthorizationPolicy", "Gateway" })
        {
            Assert.Contains(manifests, m => m.Model.Kind == kind);
        }

        var read = 0;
        foreach (var (model, document) in manifests)
        {
            var element = JsonSerializer.SerializeToElement(document);
            var expected = Outcome.Of(() => model.Deserialize(element, ReflectionOptions, new StringPool()));
            read += expected.Succeeded ? 1 : 0;
            Assert.Equal(expected, Outcome.Of(() => model.Deserialize(element, Options, new StringPool())));
        }

        Assert.True(read >= manifests.Count / 2, $"only {read} of {manifests.Count} read");
    }

    [Fact]
    public void Random_changes_to_crd_manifests_read_or_fail_as_the_reflection_deserializer_does()
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
                var element = JsonSerializer.SerializeToElement(documents.Mutate(documents.Mutate(document)));
                var expected = Outcome.Of(() => model.Deserialize(element, ReflectionOptions, new StringPool()));
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
            print: pair => $"{manifests[pair.Item1].Model.ApiVersion} {manifests[pair.Item1].Model.Kind} #{pair.Item1}, seed {pair.Item2}: {manifests[pair.Item1].Document.ToJsonString()}");

        Assert.True(succeeded >= 500 && failed >= 500, $"{succeeded} read and {failed} refused: both must be common");
    }

    [Theory]
    [InlineData("""{"metadata":{"name":"a"}}""", "JSON deserialization for type 'RulesMesh.Models.NetworkingIstioIo.V1.ServiceEntry' was missing required properties including: 'spec'.", "$")]
    [InlineData("""{"spec":{"location":"MESH_EXTERNAL"}}""", "JSON deserialization for type 'RulesMesh.Models.NetworkingIstioIo.V1.ServiceEntrySpec' was missing required properties including: 'hosts'.", "$.spec")]
    [InlineData("""{"spec":{"hosts":["a"],"resolution":5}}""", "Expected a string for ServiceEntryResolution, found Number.", "$.spec.resolution")]
    [InlineData("""{"spec":{"hosts":["a"],"location":null}}""", null, null)]
    [InlineData("""{"spec":{"hosts":["a"],"ports":[{"number":-1,"name":"p"}]}}""", "The JSON value could not be converted to System.UInt32.", "$.spec.ports[0].number")]
    [InlineData("""{"spec":{"hosts":["a"]},"status":{"conditions":[{"lastTransitionTime":"not a date"}]}}""", "'not a date' is not an RFC 3339 date-time.", "$.status.conditions[0].lastTransitionTime")]
    [InlineData("""{"spec":{"hosts":["a"]},"status":{"conditions":[{"lastTransitionTime":5}]}}""", "The JSON value could not be converted to System.Nullable`1[System.DateTimeOffset].", "$.status.conditions[0].lastTransitionTime")]
    [InlineData("""{"spec":{"hosts":["a"]},"status":{"observedGeneration":[1]}}""", "Specified method is not supported. The unsupported member type is located on type 'k8s.Models.IntOrString'.", "$.status.observedGeneration")]
    [InlineData("""{"spec":{"hosts":["a"]},"status":{"kept":1,"kept":{"x":[null]},"conditions":null}}""", null, null)]
    public void A_service_entry_reads_or_fails_with_the_serializers_words_and_path(string fields, string? words, string? path)
    {
        var model = GeneratedModels.All.Single(m => m.Kind == "ServiceEntry" && m.Version == "v1");
        var document = JsonNode.Parse(fields)!.AsObject();
        document["apiVersion"] = "networking.istio.io/v1";
        document["kind"] = "ServiceEntry";
        var element = JsonSerializer.SerializeToElement(document);

        var expected = Outcome.Of(() => model.Deserialize(element, ReflectionOptions, new StringPool()));
        var actual = Outcome.Of(() => model.Deserialize(element, Options, new StringPool()));

        Assert.Equal(expected, actual);
        Assert.Equal(words is null, actual.Succeeded);
        if (words is not null)
        {
            Assert.Equal(words, actual.Text[(actual.Text.IndexOf(": ", StringComparison.Ordinal) + 2)..]);
            Assert.Equal(path, actual.Path);
        }
    }

    [Theory]
    [InlineData("\"2026-01-01T00:00:00Z\"")]
    [InlineData("\"2026-01-01T00:00:00.5Z\"")]
    [InlineData("null")]
    [InlineData("\"not a date\"")]
    [InlineData("5")]
    [InlineData("[\"2026-01-01T00:00:00Z\"]")]
    public void A_service_entrys_creation_timestamp_reads_or_fails_as_the_reflection_deserializer_does(string timestamp)
    {
        var model = GeneratedModels.All.Single(m => m.Kind == "ServiceEntry" && m.Version == "v1");
        var element = JsonDocument.Parse($$$"""{"apiVersion":"networking.istio.io/v1","kind":"ServiceEntry","metadata":{"name":"se","creationTimestamp":{{{timestamp}}}},"spec":{"hosts":["a"]}}""").RootElement;

        Assert.Equal(Outcome.Of(() => model.Deserialize(element, ReflectionOptions, new StringPool())), Outcome.Of(() => model.Deserialize(element, Options, new StringPool())));
    }

    [Fact]
    public void Unknown_status_fields_are_kept_with_a_later_duplicate_winning()
    {
        var model = GeneratedModels.All.Single(m => m.Kind == "ServiceEntry" && m.Version == "v1");
        var element = JsonDocument.Parse("""{"apiVersion":"networking.istio.io/v1","kind":"ServiceEntry","spec":{"hosts":["a"]},"status":{"kept":1,"kept":{"x":2},"AdditionalProperties":true}}""").RootElement;

        var status = ((RulesMesh.Models.NetworkingIstioIo.V1.ServiceEntry)model.Deserialize(element, Options, new StringPool())!).Status!;

        Assert.Equal("""{"x":2}""", status.AdditionalProperties!["kept"].GetRawText());
        Assert.Equal(JsonValueKind.True, status.AdditionalProperties["AdditionalProperties"].ValueKind);
    }

    [Fact]
    public void Options_that_preserve_references_or_change_contracts_are_left_to_the_serializer()
    {
        Assert.False(ModelReading.ReadsAsGenerated(new JsonSerializerOptions(Options) { ReferenceHandler = System.Text.Json.Serialization.ReferenceHandler.Preserve }));
        var renaming = new DefaultJsonTypeInfoResolver();
        renaming.Modifiers.Add(info =>
        {
            foreach (var property in info.Properties)
            {
                property.Name = property.Name.ToUpperInvariant();
            }
        });
        var renamed = new JsonSerializerOptions(Options) { TypeInfoResolver = renaming };
        var model = GeneratedModels.All.Single(m => m.Kind == "ServiceEntry" && m.Version == "v1");
        var element = JsonDocument.Parse("""{"APIVERSION":"networking.istio.io/v1","SPEC":{"HOSTS":["upper"]}}""").RootElement;

        Assert.False(ModelReading.ReadsAsGenerated(renamed));
        Assert.Equal("upper", ((RulesMesh.Models.NetworkingIstioIo.V1.ServiceEntry)model.Deserialize(element, renamed, new StringPool())!).Spec.Hosts.Single());
    }

    private static List<(ModelDescriptor Model, JsonNode Document)> Manifests()
    {
        var models = GeneratedModels.All;
        var files = Directory.EnumerateFiles(RepositoryPaths.Samples, "*.yaml", SearchOption.AllDirectories)
            .Concat(Directory.Exists(RepositoryPaths.KgatewayConformance)
                ? Directory.EnumerateFiles(RepositoryPaths.KgatewayConformance, "*.yaml", SearchOption.AllDirectories)
                : [])
            .Order(StringComparer.Ordinal);
        var shaped = new SchemaShapedDocuments(new Random(15));
        var documents = files
            .SelectMany(file => ManifestReader.Read(File.ReadAllText(file), file).Documents)
            .Select(document => document.Json)
            .OfType<JsonObject>()
            .Select(json => JsonNode.Parse(json.ToJsonString())!)
            .Concat(SyntheticMesh.Build(new SyntheticMeshOptions { Services = 8, ServiceEntries = 4, Workloads = 16, Waypoints = 1, HttpRouteEvery = 2, AuthorizationPolicyEvery = 2, DestinationRuleEvery = 2 })
                .Select(resource => JsonSerializer.SerializeToNode(resource, resource.GetType(), Options)!))
            .Concat(models.SelectMany(model => Enumerable.Range(0, 20).Select(_ => (JsonNode)shaped.Document(model.ApiVersion, model.Kind, JsonNode.Parse(model.SchemaJson!)!.AsObject()))))
            .Concat(HandMade.Select(json => JsonNode.Parse(json)!));
        return documents
            .Select(document => (Model: models.SingleOrDefault(m => m.ApiVersion == (string?)document["apiVersion"] && m.Kind == (string?)document["kind"]), Document: document))
            .Where(pair => pair.Model is not null)
            .Select(pair => (pair.Model!, pair.Document))
            .ToList();
    }

    // Fields the samples leave out: statuses with conditions, dates and unknown fields, int-or-strings, nulls, escaped names.
    private static readonly string[] HandMade =
    [
        """
        {"apiVersion":"networking.istio.io/v1","kind":"ServiceEntry","metadata":{"name":"ext","namespace":"shop","labels":{"a.b/c":"d"}},
         "spec":{"hosts":["api.example.com"],"addresses":["10.1.0.0/16"],"ports":[{"number":443,"protocol":"TLS","name":"tls","targetPort":8443}],"location":"MESH_EXTERNAL","resolution":"DNS",
           "endpoints":[{"address":"1.2.3.4","ports":{"tls":9443},"labels":{"\u0061pp":"x"},"network":"n1","locality":"r/z","weight":3}],"exportTo":["."],"subjectAltNames":["s"],"workloadSelector":{"labels":{"app":"ext"}}},
         "status":{"observedGeneration":"7","conditions":[{"type":"Reconciled","status":"True","lastProbeTime":"2024-05-01T10:00:00Z","lastTransitionTime":"2024-05-01T10:00:00.5+02:00","reason":"r","message":"m"}],"validationMessages":[{"type":{"code":"IST0101","name":"ReferencedResourceNotFound"},"level":"ERROR","documentationUrl":"u"}],"unknown":{"deep":[1,{"x":null}]}}}
        """,
        """
        {"apiVersion":"networking.istio.io/v1beta1","kind":"DestinationRule","metadata":{"name":"dr","namespace":"shop"},
         "spec":{"host":"web.shop.svc.cluster.local","trafficPolicy":{"loadBalancer":{"simple":"ROUND_ROBIN","localityLbSetting":{"enabled":true,"failover":[{"from":"r1","to":"r2"}],"distribute":[{"from":"r1/*","to":{"r1/*":80,"r2/*":20}}]}},
           "connectionPool":{"tcp":{"maxConnections":100,"connectTimeout":"1s"},"http":{"http1MaxPendingRequests":10,"idleTimeout":"30s","h2UpgradePolicy":"UPGRADE"}},
           "outlierDetection":{"consecutive5xxErrors":5,"interval":"10s","baseEjectionTime":"30s","maxEjectionPercent":50},"tls":{"mode":"ISTIO_MUTUAL","sni":"web"},
           "portLevelSettings":[{"port":{"number":80},"loadBalancer":{"consistentHash":{"httpHeaderName":"x-user","minimumRingSize":1024}}}]},
           "subsets":[{"name":"v1","labels":{"version":"v1"},"trafficPolicy":null}],"exportTo":["*"]},"status":null}
        """,
        """
        {"apiVersion":"security.istio.io/v1","kind":"AuthorizationPolicy","metadata":{"name":"allow","namespace":"shop"},
         "spec":{"action":"ALLOW","targetRefs":[{"group":"gateway.networking.k8s.io","kind":"Gateway","name":"waypoint"}],
           "rules":[{"from":[{"source":{"principals":["cluster.local/ns/a/sa/b"],"notNamespaces":["x"]}}],"to":[{"operation":{"methods":["GET"],"paths":["/api/*"],"ports":["8080"]}}],"when":[{"key":"request.headers[x]","values":["y"]}]}]}}
        """,
        """
        {"apiVersion":"gateway.networking.k8s.io/v1","kind":"HTTPRoute","metadata":{"name":"r","namespace":"shop"},
         "spec":{"parentRefs":[{"group":"","kind":"Service","name":"web","port":80}],"hostnames":["web.example.com"],
           "rules":[{"name":"main","matches":[{"path":{"type":"PathPrefix","value":"/v1"},"headers":[{"name":"x","value":"y","type":"Exact"}],"queryParams":[{"name":"q","value":"1"}],"method":"GET"}],
             "filters":[{"type":"RequestHeaderModifier","requestHeaderModifier":{"set":[{"name":"a","value":"b"}],"remove":["c"]}},{"type":"URLRewrite","urlRewrite":{"path":{"type":"ReplacePrefixMatch","replacePrefixMatch":"/"}}}],
             "backendRefs":[{"name":"web-v1","port":8080,"weight":90},{"name":"web-v2","port":8080,"weight":10,"filters":[]}],"timeouts":{"request":"10s"},"retry":{"attempts":2,"codes":[503]}}]},
         "status":{"parents":[{"parentRef":{"name":"web","kind":"Service","group":""},"controllerName":"x/y","conditions":[{"type":"Accepted","status":"True","reason":"Accepted","message":"","lastTransitionTime":"2024-05-01T10:00:00Z","observedGeneration":2}]}]}}
        """,
        """
        {"apiVersion":"gateway.networking.k8s.io/v1","kind":"Gateway","metadata":{"name":"waypoint","namespace":"shop"},
         "spec":{"gatewayClassName":"istio-waypoint","listeners":[{"name":"mesh","port":15008,"protocol":"HBONE","allowedRoutes":{"namespaces":{"from":"Same"}}}],"infrastructure":{"labels":{"a":"b"}}},
         "status":{"addresses":[{"type":"IPAddress","value":"10.0.0.9"}],"conditions":[],"listeners":[{"name":"mesh","attachedRoutes":1,"supportedKinds":[{"kind":"HTTPRoute"}],"conditions":[]}]}}
        """,
        """
        {"apiVersion":"networking.istio.io/v1","kind":"WorkloadEntry","metadata":{"name":"vm","namespace":"shop"},"spec":{"address":"10.2.0.1","ports":{"http":8080},"labels":{"app":"vm"},"serviceAccount":"sa","network":"n","locality":"r/z/s","weight":1}}
        """,
    ];

    private sealed class ReflectionResolver : DefaultJsonTypeInfoResolver;

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
                var path = at < 0 ? (exception as JsonException)?.Path : message[(at + " Path: ".Length)..message.IndexOf(" |", at, StringComparison.Ordinal)];
                return new Outcome(false, $"{exception.GetType().Name}: {words}", path);
            }
        }
    }
}
