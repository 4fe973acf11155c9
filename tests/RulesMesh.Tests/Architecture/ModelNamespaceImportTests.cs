using System.Text.RegularExpressions;
using RulesMesh.Tests.Support;

namespace RulesMesh.Tests.Architecture;

/// <summary>
/// Istio's upstream CRD bundle has a <c>networking.istio.io</c> <c>Gateway</c> kind; dropped into <c>schemas/</c> (as the
/// README invites), its model lands beside Gateway API's <c>Gateway</c>, so a source file importing both groups' model
/// namespaces would stop compiling with an ambiguous <c>Gateway</c>. Such a file names the few types it needs by alias.
/// </summary>
public sealed partial class ModelNamespaceImportTests
{
    [Fact]
    public void No_source_file_imports_both_Istio_networking_and_Gateway_API_models()
    {
        var sources = Directory.EnumerateFiles(Path.Combine(RepositoryPaths.Root, "src"), "*.cs", SearchOption.AllDirectories)
            .Where(static path => !path.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                && !path.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .ToList();

        var both = sources
            .Where(static path => File.ReadLines(path).Select(static line => ModelImport().Match(line)).Where(static m => m.Success)
                .Select(static m => m.Groups["group"].Value).Distinct().Count() == 2)
            .Select(path => Path.GetRelativePath(RepositoryPaths.Root, path))
            .ToList();

        Assert.NotEmpty(sources);
        Assert.Empty(both);
    }

    [GeneratedRegex(@"^using RulesMesh\.Models\.(?<group>NetworkingIstioIo|GatewayNetworkingK8sIo)\.V\w+;", RegexOptions.CultureInvariant)]
    private static partial Regex ModelImport();
}
