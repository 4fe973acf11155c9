using Microsoft.CodeAnalysis.Testing;
using RulesMesh.Analyzers.Tests.Infrastructure;
using RulesMesh.Generators.Diagnostics;
using static RulesMesh.Analyzers.Tests.Infrastructure.Sources;

namespace RulesMesh.Analyzers.Tests;

/// <summary>RM1001: a rule implements exactly one stage contract; RM1010: a stage contract is one the pipeline can implement.</summary>
public sealed class RuleContractTests
{
    private static async Task Expect(string source, string message)
    {
        var test = new AnalyzerTest(Usings + source);
        test.ExpectedDiagnostics.Add(new DiagnosticResult(DiagnosticDescriptors.RuleContract).WithLocation(0).WithArguments(message));
        await test.RunAsync();
    }

    [Fact]
    public Task A_rule_implementing_no_stage_contract_is_told_what_to_implement()
        => Expect("""
            [Rule("consumer.r")]
            public sealed class {|#0:R|}
            {
            }
            """,
            "Rule 'R' implements no stage contract and carries no data attribute, so no pipeline can call it; implement a stage contract (an interface marked [StageContract], such as IServiceCaptureRule, IClusterNameRule or IBackendPolicyRule), or add a data attribute such as [UseWaypointLabel]");

    [Fact]
    public Task A_rule_implementing_two_stage_contracts_is_told_to_split()
        => Expect("""
            [Rule("consumer.r")]
            public sealed class {|#0:R|} : IServiceCaptureRule, IClusterNameRule
            {
                public CaptureVerdict Evaluate(MeshService service, RuleContext context) => CaptureVerdict.Abstain("no opinion");

                public string ClusterName(BackendTarget target, RuleContext context) => null;
            }
            """,
            "Rule 'R' implements 2 stage contracts (IServiceCaptureRule, IClusterNameRule); a rule belongs to one stage contract, so split it into one [Rule] class per contract");

    [Fact]
    public Task Two_contracts_of_one_stage_are_two_contracts()
        => Expect("""
            [Rule("consumer.r")]
            public sealed class {|#0:R|} : RulesMesh.Translation.Routes.IServiceRoutesRule, RulesMesh.Translation.Routes.IVirtualHostRule
            {
                public System.Collections.Generic.IReadOnlyList<RulesMesh.Translation.Routes.AttachedRoute> ServiceRoutes(MeshService service, RulesMesh.Translation.TranslationContext context) => null;

                public Envoy.Config.Route.V3.VirtualHost ServiceVirtualHost(RulesMesh.Translation.Routes.VirtualHostRequest request, RulesMesh.Translation.TranslationContext context) => null;
            }
            """,
            "Rule 'R' implements 2 stage contracts (IServiceRoutesRule, IVirtualHostRule); a rule belongs to one stage contract, so split it into one [Rule] class per contract");

    [Fact]
    public Task A_generic_contract_implemented_for_two_kinds_is_two_contracts()
        => Expect("""
            [Rule("consumer.r")]
            public sealed class {|#0:R|} : IServiceModelRule<k8s.Models.V1Service>, IServiceModelRule<k8s.Models.V1Pod>
            {
                public MeshService Build(k8s.Models.V1Service resource, RuleContext context) => null;

                public MeshService Build(k8s.Models.V1Pod resource, RuleContext context) => null;
            }
            """,
            "Rule 'R' implements 2 stage contracts (IServiceModelRule<V1Service>, IServiceModelRule<V1Pod>); a rule belongs to one stage contract, so split it into one [Rule] class per contract");

    [Fact]
    public Task A_data_attribute_counts_as_the_contract_it_implements()
        => Expect("""
            [Rule("consumer.r")]
            [ClusterNameFormat("{namespace}_{name}")]
            public sealed partial class {|#0:R|}
            """ + CaptureBody,
            "Rule 'R' implements 2 stage contracts (IServiceCaptureRule, IClusterNameRule), one of them through [ClusterNameFormat], which implements IClusterNameRule; a rule belongs to one stage contract, so split it into one [Rule] class per contract");

    [Fact]
    public Task A_rule_implementing_one_contract_twice_through_a_data_attribute_is_fine()
        => AnalyzerTest.Run(Usings + """
            [Rule("consumer.r")]
            [ClusterNameFormat("{namespace}_{name}")]
            public sealed partial class R;
            """);

    [Fact]
    public Task A_stage_contract_with_two_methods_is_refused()
        => AnalyzerTest.Run(Usings + """
            [StageContract(RuleStage.Backends)]
            public interface {|RM1010:ITwoMethods|}
            {
                string? First(MeshService service);

                string? Second(MeshService service);
            }
            """);

    [Fact]
    public async Task A_stage_contract_returning_a_value_that_cannot_be_null_is_refused_with_the_conventions()
    {
        var test = new AnalyzerTest(Usings + """
            [StageContract(RuleStage.Backends)]
            public interface {|#0:ICount|}
            {
                int Count(MeshService service);
            }
            """);
        test.ExpectedDiagnostics.Add(new DiagnosticResult(DiagnosticDescriptors.InvalidStageContract).WithLocation(0).WithArguments(
            "ICount",
            "its method returns int, which cannot be null; return void (every rule runs), a verdict type implementing IRuleVerdict (the first deciding verdict wins) or a nullable type (the first non-null result wins)"));
        await test.RunAsync();
    }
}
