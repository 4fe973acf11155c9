using System.Diagnostics;
using RulesMesh.Loading;

namespace RulesMesh.Tests.Loading;

public sealed class LoaderLimitsTests
{
    private const string Kept = "apiVersion: v1\nkind: Namespace\nmetadata:\n  name: kept\n";

    private static string Namespace(string name) => $"apiVersion: v1\nkind: Namespace\nmetadata:\n  name: {name}\n";

    private static string BillionLaughs()
    {
        var text = "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: lol\ndata:\n  a: &a [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\"]\n";
        for (var level = 1; level <= 8; level++)
        {
            var name = (char)('a' + level);
            var previous = (char)('a' + level - 1);
            text += $"  {name}: &{name} [{string.Join(",", Enumerable.Repeat("*" + previous, 9))}]\n";
        }

        return text;
    }

    [Fact]
    public void NestingDeeperThanMaxDepthIsAnErrorNamingTheLimitAndItsLineAndTheNextDocumentStillLoads()
    {
        var text = "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: deep\nbinaryData:\n  x: [[[[[[1]]]]]]\n---\n" + Kept;

        var result = new ManifestLoader(limits: new LoaderLimits { MaxDepth = 5 }).LoadText(text, "deep.yaml");

        var error = Assert.Single(result.Diagnostics);
        Assert.Equal("deep.yaml:6:9: error: The document nests mappings and lists deeper than 5 levels, the maximum depth (raise it with --max-depth, at most 1000).", error.ToString());
        Assert.Equal("kept", Assert.Single(result.Resources).Object.Metadata.Name);
    }

    [Theory]
    [InlineData(5_000)]
    [InlineData(20_000)]
    public void NestingThousandsOfLevelsDeepIsRefusedWithoutOverflowingTheStack(int levels)
    {
        var text = "a: " + new string('[', levels) + new string(']', levels) + "\n---\n" + Kept;

        var result = new ManifestLoader().LoadText(text, "deep.yaml");

        Assert.Contains("deeper than 100 levels", Assert.Single(result.Diagnostics).Message, StringComparison.Ordinal);
        Assert.Single(result.Resources);
    }

    [Fact]
    public void NestingOf900LevelsLoadsWhenTheDepthLimitIsRaisedToItsMaximum()
    {
        var text = "apiVersion: networking.istio.io/v1\nkind: ServiceEntry\nmetadata:\n  name: deep\n  namespace: ns\nspec:\n  hosts: [a.example.com]\n  ports: [{number: 80, name: http}]\n  x: "
            + new string('[', 900) + new string(']', 900) + "\n";

        var result = new ManifestLoader(limits: new LoaderLimits { MaxDepth = LoaderLimits.MaximumDepth }).LoadText(text, "deep.yaml");

        // Read to the end and checked against the schema, which has no field x: the depth is no longer the problem.
        var error = Assert.Single(result.Diagnostics);
        Assert.Equal("ServiceEntry deep breaks its schema: spec.x is not a field of this kind's schema.", error.Message);
    }

    [Fact]
    public void SeventyLevelsAreWithinTheDefaultDepth()
    {
        var text = "a: " + new string('[', 70) + new string(']', 70) + "\n";

        var read = ManifestReader.Read(text, "deep.yaml");

        Assert.Empty(read.Errors);
        Assert.Single(read.Documents);
    }

    [Fact]
    public void ABillionLaughsDocumentStopsAtTheAliasLimitQuicklyAndTheNextDocumentStillLoads()
    {
        var watch = Stopwatch.StartNew();

        var result = new ManifestLoader().LoadText(BillionLaughs() + "---\n" + Kept, "lol.yaml");

        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(30), $"took {watch.Elapsed}");
        var error = Assert.Single(result.Diagnostics);
        Assert.Equal("The document's aliases expand to more than 1000000 nodes, the maximum alias expansion (raise it with --max-alias-nodes).", error.Message);
        Assert.Equal("lol.yaml", error.SourceName);
        Assert.Single(result.Resources);
    }

    [Fact]
    public void AliasesExpandWithinTheLimitAndTheLimitCountsExpandedNodes()
    {
        const string text = "a: &x {b: 1, c: 2}\nd: [*x, *x, *x]\n";

        Assert.Empty(ManifestReader.Read(text, "ok.yaml", new LoaderLimits { MaxAliasNodes = 20 }).Errors);
        Assert.Contains("more than 10 nodes", Assert.Single(ManifestReader.Read(text, "over.yaml", new LoaderLimits { MaxAliasNodes = 10 }).Errors).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ADocumentWithoutAliasesIsNotBoundByTheAliasLimit()
    {
        var text = "a: [" + string.Join(",", Enumerable.Range(0, 100)) + "]\n";

        Assert.Empty(ManifestReader.Read(text, "plain.yaml", new LoaderLimits { MaxAliasNodes = 10 }).Errors);
    }

    [Fact]
    public void AliasesThatNestAnchoredListsDeeperThanMaxDepthAreRefused()
    {
        const string text = "a: &a [[1]]\nb: &b [*a]\nc: &c [*b]\nd: [*c]\n";

        var error = Assert.Single(ManifestReader.Read(text, "alias.yaml", new LoaderLimits { MaxDepth = 4 }).Errors);

        Assert.Contains("deeper than 4 levels", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AFileLargerThanMaxFileBytesIsRefusedAndTheNextFileStillLoads()
    {
        var loader = new ManifestLoader(limits: new LoaderLimits { MaxFileBytes = 100 });

        var result = loader.Load([ManifestSource.FromText("big.yaml", Namespace("a") + "---\n" + Namespace("b") + "---\n" + Namespace("c")), ManifestSource.FromText("small.yaml", Kept)]);

        Assert.Equal("big.yaml:1:1: error: The file is larger than 100 bytes, the maximum file size (raise it with --max-file-bytes); it was not loaded.", Assert.Single(result.Diagnostics).ToString());
        Assert.Equal("kept", Assert.Single(result.Resources).Object.Metadata.Name);
    }

    [Fact]
    public void InputBeyondMaxTotalBytesStopsTheLoadAtTheFileThatCrossesIt()
    {
        var loader = new ManifestLoader(limits: new LoaderLimits { MaxTotalBytes = 100 });

        var result = loader.Load([ManifestSource.FromText("one.yaml", Namespace("one")), ManifestSource.FromText("two.yaml", Namespace("two")), ManifestSource.FromText("three.yaml", Namespace("three"))]);

        var error = Assert.Single(result.Diagnostics);
        Assert.Equal("two.yaml", error.SourceName);
        Assert.Contains("larger than 100 bytes in all", error.Message, StringComparison.Ordinal);
        Assert.Equal("one", Assert.Single(result.Resources).Object.Metadata.Name);
    }

    [Fact]
    public void DocumentsBeyondMaxDocumentsAreRefusedCountingAcrossFilesAndSkippingEmptyOnes()
    {
        var loader = new ManifestLoader(limits: new LoaderLimits { MaxDocuments = 2 });

        var result = loader.Load([ManifestSource.FromText("one.yaml", Namespace("one") + "---\n---\n"), ManifestSource.FromText("two.yaml", Namespace("two") + "---\n" + Namespace("three"))]);

        Assert.Equal("two.yaml:6:1: error: The input holds more than 2 documents, the maximum document count (raise it with --max-documents); this document and the ones after it were not loaded.", Assert.Single(result.Diagnostics).ToString());
        Assert.Equal(["one", "two"], result.Resources.Select(static r => r.Object.Metadata.Name));
    }

    [Fact]
    public void TheDefaultsLoadTheScaleMeshSize()
    {
        Assert.True(LoaderLimits.Default.MaxDocuments >= 130_200);
        Assert.True(LoaderLimits.Default.MaxFileBytes >= 40_000_000);
        Assert.True(LoaderLimits.Default.MaxFileBytes >= 3 * 1024 * 1024);
    }

    [Fact]
    public void DevZeroGivesTheSizeErrorWithoutReadingPastTheLimit()
    {
        var watch = Stopwatch.StartNew();

        var result = new ManifestLoader(limits: new LoaderLimits { MaxFileBytes = 1 << 20 }).LoadPaths("/dev/zero");

        Assert.Contains("larger than 1048576 bytes", Assert.Single(result.Diagnostics).Message, StringComparison.Ordinal);
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(10), $"took {watch.Elapsed}");
    }
}
