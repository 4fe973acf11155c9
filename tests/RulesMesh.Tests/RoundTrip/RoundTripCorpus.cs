using RulesMesh.Loading;
using RulesMesh.Tests.Support;

namespace RulesMesh.Tests.RoundTrip;

/// <summary>The manifests that must survive reading into typed models and writing back.</summary>
internal static class RoundTripCorpus
{
    /// <summary>kgateway's inputs, relative to its suite folder: waypoint inputs, ServiceEntry inputs (not the expected <c>-out</c> files) and the shared Pod/Node fixtures.</summary>
    public static IReadOnlyList<string> ConformanceInputs()
    {
        var root = RepositoryPaths.KgatewayConformance;
        if (!Directory.Exists(root))
        {
            return [];
        }

        var waypoint = Directory.EnumerateFiles(Path.Combine(root, "waypoint", "input"), "*.yaml");
        var serviceEntry = Directory.EnumerateFiles(Path.Combine(root, "serviceentry"), "*.yaml")
            .Where(static file => !file.EndsWith("-out.yaml", StringComparison.Ordinal));
        var fixtures = new[] { Path.Combine(root, "fixtures", "pods.yaml") };
        return waypoint.Concat(serviceEntry).Concat(fixtures)
            .Select(file => Path.GetRelativePath(root, file))
            .Order(StringComparer.Ordinal)
            .ToList();
    }

    /// <summary>Every manifest under <c>samples/</c>, relative to the repository root.</summary>
    public static IReadOnlyList<string> Samples()
        => Directory.Exists(RepositoryPaths.Samples)
            ? ManifestSource.FromPath(RepositoryPaths.Samples).Select(static source => Path.GetRelativePath(RepositoryPaths.Root, source.Name)).ToList()
            : [];
}
