using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using CsCheck;
using Google.Protobuf.Reflection;
using RulesMesh.Xds;
using RulesMesh.Xds.Constraints;
using RulesMesh.Cli.Tests.Support;

namespace RulesMesh.Cli.Tests.Fuzzing;

/// <summary>
/// <c>translate</c> over generated and mutated inputs (read from standard input) never throws, never hangs, says the same
/// thing twice and prints JSON that parses, whose every resource meets the rules Envoy's protos declare. The number of
/// inputs per test is RULESMESH_FUZZ_ITERATIONS when set (README "Fuzzing" has the long run); by default about 2500 in
/// all, under a minute.
/// </summary>
public sealed class CommandLineFuzzTests
{
    private static readonly TimeSpan PerRunLimit = TimeSpan.FromSeconds(30);

    private static readonly (string Section, MessageDescriptor Descriptor)[] Sections =
    [
        ("clusters", Envoy.Config.Cluster.V3.Cluster.Descriptor),
        ("endpoints", Envoy.Config.Endpoint.V3.ClusterLoadAssignment.Descriptor),
        ("listeners", Envoy.Config.Listener.V3.Listener.Descriptor),
        ("routes", Envoy.Config.Route.V3.RouteConfiguration.Descriptor),
    ];

    private readonly ProtoConstraints _constraints = ProtoConstraints.ForEnvoy();

    [Fact]
    public void Generated_manifests_are_translated_safely() => AssertTranslatedSafely(FuzzManifests.Streams, Iterations(500));

    [Fact]
    public void Mutated_real_inputs_are_translated_safely() => AssertTranslatedSafely(FuzzMutations.Of(Seeds()), Iterations(2000));

    // Generated streams are several documents each, mutated ones mostly fail early: these defaults take about as long.
    private static long Iterations(long byDefault)
        => long.TryParse(Environment.GetEnvironmentVariable("RULESMESH_FUZZ_ITERATIONS"), NumberStyles.None, CultureInfo.InvariantCulture, out var count) ? count : byDefault;

    // Both exit codes must turn up, or the inputs would be exercising only the loader's refusals (or never refusing).
    private void AssertTranslatedSafely(Gen<string> inputs, long iterations)
    {
        var exitCodes = new HashSet<int>();
        inputs.Sample(input => { exitCodes.Add(TranslatesSafely(input)); }, iter: iterations, threads: 1, print: static input => input);

        Assert.True(iterations < 100 || exitCodes.SetEquals([0, 1]), $"Exit codes seen: {string.Join(", ", exitCodes)}.");
    }

    private int TranslatesSafely(string input)
    {
        var first = RunBounded(input);
        var second = RunBounded(input);

        if (Problem(first, second) is { } problem)
        {
            // CsCheck shortens long inputs in its report: the whole input is kept for replaying.
            var saved = Path.Combine(Path.GetTempPath(), $"rulesmesh-fuzz-{Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(input)))[..16]}.yaml");
            File.WriteAllText(saved, input);
            Assert.Fail($"{problem}\nThe input is saved in {saved}.");
        }

        return first.ExitCode;
    }

    private string? Problem(CliRun first, CliRun second)
    {
        if (first.Error.Contains("   at ", StringComparison.Ordinal) || first.ExitCode is not (0 or 1))
        {
            return $"A crash: {first.Describe()}";
        }

        if (first != second)
        {
            return $"Two runs differ:\n{first.Describe()}\n--- second run ---\n{second.Describe()}";
        }

        JsonNode? document;
        try
        {
            document = first.Output.Length > 0 ? JsonNode.Parse(first.Output) : null;
        }
        catch (JsonException exception)
        {
            return $"The output is not JSON: {exception.Message}";
        }

        var refused = EnvoyWouldRefuse(document).ToList();
        return refused.Count == 0 ? null : $"Envoy would refuse what translate wrote:\n{string.Join("\n", refused)}";
    }

    // Nothing invalid reaches Envoy: every resource written meets the rules Envoy's protos declare.
    private IEnumerable<string> EnvoyWouldRefuse(JsonNode? document)
    {
        foreach (var (section, descriptor) in Sections)
        {
            foreach (var resource in document?[section]?.AsArray() ?? [])
            {
                var message = EnvoyJson.Parse(resource!.ToJsonString(), descriptor);
                foreach (var violation in _constraints.Check(message))
                {
                    yield return $"{section}: {violation}";
                }
            }
        }
    }

    private static CliRun RunBounded(string input)
    {
        var run = Task.Run(() => CliRun.Of(["translate", "--format", "json", "-"], input));
        Assert.True(run.Wait(PerRunLimit), $"translate ran longer than {PerRunLimit}.");
        return run.Result;
    }

    // kgateway's conformance inputs when ../shared is beside the clone, and the repository's sample mesh always.
    private static List<string> Seeds()
    {
        var root = Path.GetFullPath(Path.Combine(CorpusCase.Root, "..", "..", ".."));
        var conformance = Path.Combine(root, "..", "shared", "conformance", "kgateway");
        var files = Directory.EnumerateFiles(Path.Combine(root, "samples", "mesh"), "*.yaml");
        if (Directory.Exists(conformance))
        {
            files = files.Concat(Directory.EnumerateFiles(conformance, "*.yaml", SearchOption.AllDirectories).Where(static f => !f.EndsWith("-out.yaml", StringComparison.Ordinal) && !f.Contains("output", StringComparison.Ordinal)));
        }

        return files.Order(StringComparer.Ordinal).Select(File.ReadAllText).ToList();
    }
}
