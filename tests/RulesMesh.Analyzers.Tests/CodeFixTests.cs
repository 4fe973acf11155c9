using RulesMesh.Analyzers.Tests.Infrastructure;
using RulesMesh.CodeFixes;
using static RulesMesh.Analyzers.Tests.Infrastructure.Sources;

namespace RulesMesh.Analyzers.Tests;

/// <summary>The code fix for RM1005 on a data-attribute rule, and RM1028 on a [RulePipelines] class, that is not partial.</summary>
public sealed class CodeFixTests
{
    [Fact]
    public Task Partial_is_added_before_class()
        => CodeFixTest<AddPartialModifierCodeFix>.Run(
            Usings + """
            namespace Consumer;

            [Rule("consumer.object-label", Order = 1)]
            [UseWaypointLabel("example.com/use-waypoint")]
            public sealed class {|RM1005:ObjectLabel|};
            """,
            Usings + """
            namespace Consumer;

            [Rule("consumer.object-label", Order = 1)]
            [UseWaypointLabel("example.com/use-waypoint")]
            public sealed partial class ObjectLabel;
            """);

    [Fact]
    public Task Partial_is_added_to_a_class_without_modifiers()
        => CodeFixTest<AddPartialModifierCodeFix>.Run(
            Usings + """
            namespace Consumer
            {
                [Rule("consumer.cluster", Order = 1)]
                [ClusterNameFormat("{name}")]
                class {|RM1005:ClusterName|}
                {
                }
            }
            """,
            Usings + """
            namespace Consumer
            {
                [Rule("consumer.cluster", Order = 1)]
                [ClusterNameFormat("{name}")]
                partial class ClusterName
                {
                }
            }
            """);

    [Fact]
    public Task Partial_is_added_to_a_pipelines_class()
        => CodeFixTest<AddPartialModifierCodeFix>.Run(
            Usings + """
            namespace Consumer;

            [RulePipelines]
            public static class {|RM1028:MeshPipelines|};
            """,
            Usings + """
            namespace Consumer;

            [RulePipelines]
            public static partial class MeshPipelines;
            """);

    [Fact]
    public Task Other_shape_problems_get_no_partial_fix()
        => CodeFixTest<AddPartialModifierCodeFix>.Run(
            Usings + """
            [Rule("consumer.r", Order = 1)]
            public abstract class {|RM1016:R|}
            """ + CaptureBody,
            Usings + """
            [Rule("consumer.r", Order = 1)]
            public abstract class {|RM1016:R|}
            """ + CaptureBody);
}
