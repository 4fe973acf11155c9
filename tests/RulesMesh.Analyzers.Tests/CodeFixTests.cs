using RulesMesh.Analyzers.Tests.Infrastructure;
using RulesMesh.CodeFixes;
using static RulesMesh.Analyzers.Tests.Infrastructure.Sources;

namespace RulesMesh.Analyzers.Tests;

/// <summary>The code fixes: RM1005 (data-attribute rule not partial) and RM1001 (no stage).</summary>
public sealed class CodeFixTests
{
    [Fact]
    public Task Partial_is_added_before_class()
        => CodeFixTest<AddPartialModifierCodeFix>.Run(
            Usings + """
            namespace Consumer;

            [Rule("consumer.object-label", Stage = RuleStage.Capture, Order = 1)]
            [UseWaypointLabel("example.com/use-waypoint")]
            public sealed class {|RM1005:ObjectLabel|};
            """,
            Usings + """
            namespace Consumer;

            [Rule("consumer.object-label", Stage = RuleStage.Capture, Order = 1)]
            [UseWaypointLabel("example.com/use-waypoint")]
            public sealed partial class ObjectLabel;
            """);

    [Fact]
    public Task Partial_is_added_to_a_class_without_modifiers()
        => CodeFixTest<AddPartialModifierCodeFix>.Run(
            Usings + """
            namespace Consumer
            {
                [Rule("consumer.cluster", Stage = RuleStage.Naming, Order = 1)]
                [ClusterNameFormat("{name}")]
                class {|RM1005:ClusterName|}
                {
                }
            }
            """,
            Usings + """
            namespace Consumer
            {
                [Rule("consumer.cluster", Stage = RuleStage.Naming, Order = 1)]
                [ClusterNameFormat("{name}")]
                partial class ClusterName
                {
                }
            }
            """);

    [Fact]
    public Task Other_RM1005_problems_get_no_partial_fix()
        => CodeFixTest<AddPartialModifierCodeFix>.Run(
            Usings + """
            [Rule("consumer.r", Stage = RuleStage.Capture, Order = 1)]
            public abstract class {|RM1005:R|}
            """ + CaptureBody,
            Usings + """
            [Rule("consumer.r", Stage = RuleStage.Capture, Order = 1)]
            public abstract class {|RM1005:R|}
            """ + CaptureBody);

    [Fact]
    public Task Stage_is_set_from_a_data_attribute()
        => CodeFixTest<SetRuleStageCodeFix>.Run(
            Usings + """
            namespace Consumer;

            [{|RM1001:Rule("consumer.object-label", Order = 1)|}]
            [UseWaypointLabel("example.com/use-waypoint")]
            public sealed partial class ObjectLabel;
            """,
            Usings + """
            namespace Consumer;

            [Rule("consumer.object-label", Stage = RuleStage.Capture, Order = 1)]
            [UseWaypointLabel("example.com/use-waypoint")]
            public sealed partial class ObjectLabel;
            """);

    [Fact]
    public Task Stage_is_set_from_the_stage_interface()
        => CodeFixTest<SetRuleStageCodeFix>.Run(
            Usings + """
            namespace Consumer;

            [{|RM1001:Rule("consumer.naming")|}]
            public sealed class Naming
            """ + NamingBody,
            Usings + """
            namespace Consumer;

            [Rule("consumer.naming", Stage = RuleStage.Naming)]
            public sealed class Naming
            """ + NamingBody);

    [Fact]
    public Task Stage_is_set_from_a_stage_contract_interface()
        => CodeFixTest<SetRuleStageCodeFix>.Run(
            Usings + """
            [StageContract(RuleStage.Backends)]
            public interface IBackendCountRule
            {
                int? BackendCount(MeshService service, RuleContext context);
            }

            [{|RM1001:Rule("consumer.backends", Order = 7)|}]
            public sealed class Backends : IBackendCountRule
            {
                public int? BackendCount(MeshService service, RuleContext context) => null;
            }
            """,
            Usings + """
            [StageContract(RuleStage.Backends)]
            public interface IBackendCountRule
            {
                int? BackendCount(MeshService service, RuleContext context);
            }

            [Rule("consumer.backends", Stage = RuleStage.Backends, Order = 7)]
            public sealed class Backends : IBackendCountRule
            {
                public int? BackendCount(MeshService service, RuleContext context) => null;
            }
            """);

    [Fact]
    public Task An_explicit_Unspecified_stage_is_replaced()
        => CodeFixTest<SetRuleStageCodeFix>.Run(
            Usings + """
            namespace Consumer;

            [{|RM1001:Rule("consumer.naming", Order = 3, Stage = RuleStage.Unspecified)|}]
            public sealed class Naming
            """ + NamingBody,
            Usings + """
            namespace Consumer;

            [Rule("consumer.naming", Order = 3, Stage = RuleStage.Naming)]
            public sealed class Naming
            """ + NamingBody);

    [Fact]
    public Task Without_a_using_the_stage_is_written_qualified()
        => CodeFixTest<SetRuleStageCodeFix>.Run(
            """
            namespace Consumer;

            [{|RM1001:RulesMesh.Rules.Rule("consumer.waypoint")|}]
            [RulesMesh.Rules.Declarative.WaypointClass("consumer-waypoint")]
            public sealed partial class Waypoint;
            """,
            """
            namespace Consumer;

            [RulesMesh.Rules.Rule("consumer.waypoint", Stage = RulesMesh.Rules.RuleStage.Capture)]
            [RulesMesh.Rules.Declarative.WaypointClass("consumer-waypoint")]
            public sealed partial class Waypoint;
            """);

    [Fact]
    public Task No_stage_fix_when_the_rule_implies_none()
        => CodeFixTest<SetRuleStageCodeFix>.Run(
            Usings + """
            [{|RM1001:Rule("consumer.nothing")|}]
            public sealed class {|RM1005:Nothing|}
            {
            }
            """,
            Usings + """
            [{|RM1001:Rule("consumer.nothing")|}]
            public sealed class {|RM1005:Nothing|}
            {
            }
            """);

    [Fact]
    public Task No_stage_fix_when_the_rule_implies_two_stages()
        => CodeFixTest<SetRuleStageCodeFix>.Run(
            Usings + """
            [{|RM1001:Rule("consumer.both")|}]
            [ClusterNameFormat("{name}")]
            public sealed partial class Both
            """ + CaptureBody,
            Usings + """
            [{|RM1001:Rule("consumer.both")|}]
            [ClusterNameFormat("{name}")]
            public sealed partial class Both
            """ + CaptureBody);
}
