using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Testing;

namespace RulesMesh.Analyzers.Tests.Infrastructure;

/// <summary>
/// What every test compilation references: the running .NET's own assemblies (no reference pack is downloaded),
/// the real RulesMesh.dll with its rule manifests and provided models, and KubernetesClient.dll.
/// </summary>
internal static class TestReferences
{
    /// <summary>No package is resolved: the framework comes from <see cref="Framework"/>.</summary>
    public static ReferenceAssemblies None { get; } = new("net10.0");

    public static ImmutableArray<MetadataReference> Framework { get; } = ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!)
        .Split(Path.PathSeparator)
        .Where(p => Path.GetFileName(p).StartsWith("System.", StringComparison.Ordinal) || Path.GetFileName(p) is "mscorlib.dll" or "netstandard.dll")
        .Order(StringComparer.Ordinal)
        .Select(p => (MetadataReference)MetadataReference.CreateFromFile(p))
        .ToImmutableArray();

    /// <summary>RulesMesh.dll as built by this repository: it exports rules such as <c>waypoint.capture.object-label</c> (Capture, Order 100, every profile).</summary>
    public static MetadataReference RulesMesh { get; } = MetadataReference.CreateFromFile(typeof(global::RulesMesh.Rules.RuleAttribute).Assembly.Location);

    public static MetadataReference KubernetesClient { get; } = MetadataReference.CreateFromFile(typeof(k8s.Models.V1Service).Assembly.Location);

    /// <summary>The Envoy types and their protobuf runtime, which generated pipelines name in their stage methods.</summary>
    public static ImmutableArray<MetadataReference> Envoy { get; } =
    [
        MetadataReference.CreateFromFile(typeof(global::Envoy.Config.Cluster.V3.Cluster).Assembly.Location),
        MetadataReference.CreateFromFile(typeof(Google.Protobuf.IMessage).Assembly.Location),
    ];

    public static void AddTo(ProjectState state)
    {
        state.ReferenceAssemblies = None;
        state.AdditionalReferences.AddRange(Framework);
        state.AdditionalReferences.Add(RulesMesh);
        state.AdditionalReferences.Add(KubernetesClient);
        state.AdditionalReferences.AddRange(Envoy);
    }
}
