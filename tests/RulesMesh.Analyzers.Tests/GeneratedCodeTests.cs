using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Testing;
using RulesMesh.Analyzers.Tests.Infrastructure;
using RulesMesh.Generators.Analyzers;
using RulesMesh.Generators.Crd;
using RulesMesh.Generators.Diagnostics;
using RulesMesh.Generators.Rules;
using static RulesMesh.Analyzers.Tests.Infrastructure.Sources;

namespace RulesMesh.Analyzers.Tests;

/// <summary>
/// The analyzer together with the real generators: rules exported by a third-party library that the rules generator
/// built, and models that the model generator wrote into the compilation being analyzed.
/// </summary>
public sealed class GeneratedCodeTests
{
    /// <summary>A rule library as a user would ship it: built with the rules generator, which writes its RuleManifest attributes.</summary>
    private static readonly Lazy<MetadataReference> ThirdPartyRules = new(() =>
    {
        var library = Compilations.Create("ThirdParty.Rules", [], Usings + """
            namespace ThirdParty.Rules;

            [Rule("thirdparty.capture", Order = 4242, Profile = "consumer")]
            public sealed class ThirdPartyCapture
            """ + CaptureBody + """


            [Rule("thirdparty.naming", Order = 4242)]
            [ClusterNameFormat("tp_{name}")]
            public sealed partial class ThirdPartyNaming;
            """);
        var generated = Compilations.Generate(library, [new RulesGenerator().AsSourceGenerator()]);
        Assert.Contains(generated.SyntaxTrees, t => t.ToString().Contains("RuleManifest(typeof(global::ThirdParty.Rules.ThirdPartyCapture)", StringComparison.Ordinal));
        return Compilations.Emit(generated);
    });

    private static AnalyzerTest WithThirdPartyRules(string source)
    {
        var test = new AnalyzerTest(Usings + source);
        test.TestState.AdditionalReferences.Add(ThirdPartyRules.Value);
        return test;
    }

    [Fact]
    public async Task A_rule_of_a_third_party_library_clashes_like_one_of_RulesMesh_dll()
    {
        var test = WithThirdPartyRules("""
            namespace Consumer;

            [{|#0:Rule("consumer.capture", Order = 4242)|}]
            public sealed class CaptureRule
            """ + CaptureBody);
        test.ExpectedDiagnostics.Add(new DiagnosticResult(DiagnosticDescriptors.RuleOrderClash).WithLocation(0)
            .WithArguments("consumer.capture", "4242", "IServiceCaptureRule", "thirdparty.capture", " (from assembly 'ThirdParty.Rules')", "profile 'consumer'"));
        await test.RunAsync();
    }

    [Fact]
    public async Task A_name_taken_by_a_third_party_library_is_reported()
    {
        var test = WithThirdPartyRules("""
            namespace Consumer;

            [{|#0:Rule("thirdparty.naming", Order = 1)|}]
            public sealed class Naming
            """ + NamingBody);
        test.ExpectedDiagnostics.Add(new DiagnosticResult(DiagnosticDescriptors.DuplicateRuleName).WithLocation(0)
            .WithArguments("thirdparty.naming", "Consumer.Naming", "ThirdParty.Rules.ThirdPartyNaming", " in assembly 'ThirdParty.Rules'"));
        await test.RunAsync();
    }

    [Fact]
    public Task Replacing_a_third_party_rule_at_its_order_is_fine()
        => WithThirdPartyRules("""
            namespace Consumer;

            [Rule("consumer.naming", Order = 4242, Replaces = "thirdparty.naming")]
            public sealed class Naming
            """ + NamingBody).RunAsync();

    [Fact]
    public async Task Models_the_model_generator_wrote_into_the_compilation_are_known_to_the_analyzer()
    {
        // The compiler runs generators first and hands analyzers the compilation with the generated sources.
        // Here the CRD reaches only the generator: the analyzer can know Widget only from the generated code.
        var consumer = Compilations.Create("Consumer", [], Usings + """
            namespace Consumer;

            [Rule("consumer.validation", Order = 9001)]
            [AppliesTo("example.com", "Widget")]
            public sealed class Validation
            """ + ValidationBody);
        var crd = new InMemoryAdditionalText("/crds/widgets.yaml", AppliesToTests.WidgetCrd);

        var withModels = Compilations.Generate(consumer, [new CrdModelGenerator().AsSourceGenerator()], [crd]);
        Assert.Contains(withModels.SyntaxTrees, t => t.ToString().Contains("KubernetesEntity(Group = \"example.com\"", StringComparison.Ordinal));

        Assert.Empty(await Analyze(withModels));
        Assert.Equal("RM1004", Assert.Single(await Analyze(consumer)).Id);
    }

    private static async Task<ImmutableArray<Diagnostic>> Analyze(Compilation compilation)
        => await compilation
            .WithAnalyzers([new RulesAnalyzer()], new AnalyzerOptions([]))
            .GetAnalyzerDiagnosticsAsync();
}
