using System.Collections.Immutable;
using System.Globalization;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using RulesMesh.Generators.Analyzers;
using RulesMesh.Generators.Crd;
using RulesMesh.Generators.Rules;
using RulesMesh.Generators.Tests.Infrastructure;

namespace RulesMesh.Generators.Tests.Rules;

/// <summary>
/// A rule attribute argument naming a constant of a model generated in the same project is valid C# once both
/// generators ran, so only the rules generator, which cannot see that model, knows the rule is left out: it reports RM1021.
/// </summary>
public sealed class GeneratedModelArgumentTests
{
    [Fact]
    public async Task RM1021_a_constant_of_a_model_generated_beside_the_rule_is_reported_by_the_rules_generator_once()
    {
        const string rule = """
            using RulesMesh.Rules;
            using RulesMesh.Validation;
            using k8s;
            using k8s.Models;
            using Consumer.Models.ExampleCom.V1;

            namespace Consumer;

            [RulePipelines]
            public static partial class MeshPipelines;

            [Rule("consumer.validation.widgets")]
            [AppliesTo(Widget.KubeGroup, Widget.KubeKind)]
            public sealed class WidgetValidation : IObjectValidationRule
            {
                public void Validate(IKubernetesObject<V1ObjectMeta> resource, ValidationProblems problems)
                {
                }
            }
            """;
        var crds = ImmutableArray.Create<AdditionalText>(TestCrds.File("widgets.yaml", TestCrds.Crd("Widget")));
        var compilation = ModelGeneratorHarness.Compilation(rule);
        CSharpGeneratorDriver.Create(
                [new CrdModelGenerator().AsSourceGenerator(), new RulesGenerator().AsSourceGenerator()],
                crds,
                CSharpParseOptions.Default.WithLanguageVersion(LanguageVersion.Latest),
                BuildProperties.With(("RootNamespace", "Consumer"), ("RulesMeshModelsNamespace", "Consumer.Models")))
            .RunGeneratorsAndUpdateCompilation(compilation, out var output, out var generatorDiagnostics);
        var analyzed = await output.WithAnalyzers([new RulesAnalyzer()], new AnalyzerOptions(crds)).GetAllDiagnosticsAsync();

        // The C# is valid with the generated Widget: no compiler error, and the analyzer finds nothing either.
        Assert.Empty(output.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error).Select(d => d.ToString()));
        Assert.DoesNotContain(analyzed, d => d.Id.StartsWith("RM", StringComparison.Ordinal));
        var reported = Assert.Single(generatorDiagnostics);
        Assert.Equal("RM1021", reported.Id);
        Assert.Equal(DiagnosticSeverity.Error, reported.Severity);
        Assert.StartsWith("Rule 'WidgetValidation' passes an argument to a rule attribute that cannot be evaluated here", reported.GetMessage(CultureInfo.InvariantCulture), StringComparison.Ordinal);
        // On the class name: line 14 (1-based), column 21, of the rule's source.
        Assert.Equal(new Microsoft.CodeAnalysis.Text.LinePosition(13, 20), reported.Location.GetLineSpan().StartLinePosition);
    }
}
