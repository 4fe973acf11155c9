using RulesMesh.Analyzers.Tests.Infrastructure;
using static RulesMesh.Analyzers.Tests.Infrastructure.Sources;

namespace RulesMesh.Analyzers.Tests;

/// <summary>RM1028: the generator adds the pipelines to a [RulePipelines] class as another part, so the class must be partial.</summary>
public sealed class PipelinesDeclarationTests
{
    [Fact]
    public Task A_pipelines_class_that_is_not_partial_is_reported_on_its_name()
        => AnalyzerTest.Run(Usings + """
            namespace Consumer;

            [RulePipelines]
            public static class {|RM1028:MeshPipelines|};
            """);

    [Fact]
    public Task A_partial_pipelines_class_is_not_reported()
        => AnalyzerTest.Run(Usings + """
            namespace Consumer;

            [RulePipelines]
            public static partial class MeshPipelines;
            """);
}
