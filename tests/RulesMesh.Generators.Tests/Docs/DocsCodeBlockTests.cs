using System.Collections.Immutable;
using System.Text.RegularExpressions;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using RulesMesh.Generators.Analyzers;
using RulesMesh.Generators.Crd;
using RulesMesh.Generators.Rules;
using RulesMesh.Generators.Tests.Infrastructure;

namespace RulesMesh.Generators.Tests.Docs;

/// <summary>
/// Every code block of README.md, docs/*.md and docs/diagnostics/*.md names its language, and every C# block compiles
/// against the built RulesMesh.dll with the model generator, the rules generator and the rule analyzer run in-process as
/// a consumer's build runs them. The fence's info string says what a block is checked for:
/// <list type="bullet">
/// <item><c>csharp</c>: compiles with no error, no warning and no RM diagnostic;</item>
/// <item><c>csharp diagnostic=RM1001,CS0104</c>: an example of a mistake; compiles to exactly those diagnostic ids;</item>
/// <item><c>csharp package</c>: README only; built and run against the packed package by RulesMesh.Package.Tests.</item>
/// </list>
/// Blocks of one file are compiled one at a time, with global usings of the namespaces rule code uses.
/// The file's <c>yaml crd</c> blocks are the model generator's CRDs for every C# block of that file (models in
/// <c>MyApp.Models</c>), and a block without a <c>[RulePipelines]</c> class gets one, so its rules are compiled too.
/// </summary>
public sealed partial class DocsCodeBlockTests
{
    // A consumer project has ImplicitUsings; the blocks rely on them as such a project would.
    private const string ImplicitUsings = """
        global using System;
        global using System.Collections.Generic;
        global using System.Linq;
        """;

    // The namespaces rule code uses, so a block can show a rule without its using directives.
    private const string RuleNamespaces = """
        global using Envoy.Config.Route.V3;
        global using k8s;
        global using k8s.Models;
        global using RulesMesh;
        global using RulesMesh.Capture;
        global using RulesMesh.Mesh;
        global using RulesMesh.Naming;
        global using RulesMesh.Rules;
        global using RulesMesh.Rules.Declarative;
        global using RulesMesh.ServiceModel;
        global using RulesMesh.Translation;
        global using RulesMesh.Translation.Backends;
        global using RulesMesh.Translation.Policy;
        global using RulesMesh.Translation.Routes;
        global using RulesMesh.Validation;
        """;

    private const string Pipelines = """
        namespace MyApp;

        [RulesMesh.Rules.RulePipelines]
        public static partial class DocsPipelines;
        """;

    public static TheoryData<string, int> CSharpBlocks()
    {
        var data = new TheoryData<string, int>();
        foreach (var file in DocumentFiles())
        {
            var blocks = Blocks(file).Where(b => b.Language == "csharp" && !b.Words.Contains("package")).ToList();
            for (var i = 0; i < blocks.Count; i++)
            {
                data.Add(file, i);
            }
        }

        return data;
    }

    [Fact]
    public void Every_code_block_names_its_language_and_csharp_is_spelled_csharp()
    {
        var unnamed = DocumentFiles()
            .SelectMany(file => Blocks(file).Where(b => b.Language.Length == 0 || b.Language is "cs" or "c#" or "C#").Select(b => $"{file}:{b.Line}"))
            .ToList();

        Assert.True(unnamed.Count == 0, "Code blocks without a language (use text for messages and output): " + string.Join(", ", unnamed));
    }

    [Fact]
    public void Only_the_readme_has_blocks_the_package_tests_build()
    {
        var elsewhere = DocumentFiles().Where(f => f != "README.md").SelectMany(file => Blocks(file).Where(b => b.Words.Contains("package")).Select(b => $"{file}:{b.Line}")).ToList();

        Assert.Empty(elsewhere);
        Assert.Equal(2, Blocks("README.md").Count(b => b.Language == "csharp" && b.Words.Contains("package")));
    }

    [Theory]
    [MemberData(nameof(CSharpBlocks))]
    public async Task A_csharp_block_compiles_to_the_diagnostics_its_fence_names(string file, int index)
    {
        var blocks = Blocks(file);
        var block = blocks.Where(b => b.Language == "csharp" && !b.Words.Contains("package")).ElementAt(index);
        var crds = blocks.Where(b => b.Language == "yaml" && b.Words.Contains("crd"))
            .Select((b, i) => (AdditionalText)new InMemoryAdditionalText($"/docs/crd{i}.yaml", b.Code))
            .ToImmutableArray();
        var sources = block.Code.Contains("[RulePipelines]", StringComparison.Ordinal)
            ? new[] { ImplicitUsings, RuleNamespaces, block.Code }
            : new[] { ImplicitUsings, RuleNamespaces, Pipelines, block.Code };

        var compilation = ModelGeneratorHarness.Compilation(sources);
        var driver = CSharpGeneratorDriver.Create(
            [new CrdModelGenerator().AsSourceGenerator(), new RulesGenerator().AsSourceGenerator()],
            crds,
            CSharpParseOptions.Default.WithLanguageVersion(LanguageVersion.Latest),
            BuildProperties.With(("RootNamespace", "MyApp"), ("RulesMeshModelsNamespace", "MyApp.Models")));
        driver.RunGeneratorsAndUpdateCompilation(compilation, out var output, out var generatorDiagnostics);
        var analyzed = await output
            .WithAnalyzers([new RulesAnalyzer()], new AnalyzerOptions(crds))
            .GetAllDiagnosticsAsync();

        var reported = generatorDiagnostics.Concat(analyzed)
            .Where(d => d.Severity >= DiagnosticSeverity.Warning || d.Id.StartsWith("RM", StringComparison.Ordinal))
            .Where(d => d.Id != "CS1591") // a snippet is not documented API
            .ToList();
        var expected = block.Words.FirstOrDefault(w => w.StartsWith("diagnostic=", StringComparison.Ordinal))?["diagnostic=".Length..].Split(',') ?? [];
        Assert.True(
            reported.Select(d => d.Id).Distinct().Order(StringComparer.Ordinal).SequenceEqual(expected.Order(StringComparer.Ordinal)),
            $"{file}:{block.Line} should report [{string.Join(", ", expected)}]:\n{block.Code}\nReported:\n{string.Join("\n", reported)}");
    }

    /// <summary>A fenced block: its first line in the file (1-based), the info string's language and other words, and its code.</summary>
    private sealed record Block(int Line, string Language, IReadOnlyList<string> Words, string Code);

    private static IEnumerable<string> DocumentFiles()
    {
        yield return "README.md";
        foreach (var folder in new[] { "docs", Path.Combine("docs", "diagnostics") })
        {
            foreach (var path in Directory.EnumerateFiles(Path.Combine(RepositoryPaths.Root, folder), "*.md").Order(StringComparer.Ordinal))
            {
                yield return Path.GetRelativePath(RepositoryPaths.Root, path).Replace('\\', '/');
            }
        }
    }

    private static List<Block> Blocks(string file)
    {
        var text = File.ReadAllText(Path.Combine(RepositoryPaths.Root, file)).Replace("\r\n", "\n", StringComparison.Ordinal);
        return Fence().Matches(text).Select(m =>
        {
            var info = m.Groups["info"].Value.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            var line = text[..m.Index].Count(c => c == '\n') + 1;
            return new Block(line, info.FirstOrDefault() ?? string.Empty, info.Skip(1).ToList(), m.Groups["code"].Value);
        }).ToList();
    }

    // An opening fence at the start of a line, its info string, its code, and the closing fence.
    [GeneratedRegex(@"^```(?<info>[^\n`]*)\n(?<code>.*?)^```[ \t]*$", RegexOptions.Multiline | RegexOptions.Singleline)]
    private static partial Regex Fence();
}
