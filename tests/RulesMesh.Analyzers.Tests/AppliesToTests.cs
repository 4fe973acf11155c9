using Microsoft.CodeAnalysis.Testing;
using RulesMesh.Analyzers.Tests.Infrastructure;
using RulesMesh.Generators.Diagnostics;
using static RulesMesh.Analyzers.Tests.Infrastructure.Sources;

namespace RulesMesh.Analyzers.Tests;

/// <summary>RM1004: [AppliesTo] names a kind that has a model; RM1015: one the rule's contract can hand it.</summary>
public sealed class AppliesToTests
{
    internal const string WidgetCrd = """
        apiVersion: apiextensions.k8s.io/v1
        kind: CustomResourceDefinition
        metadata:
          name: widgets.example.com
        spec:
          group: example.com
          names:
            kind: Widget
            plural: widgets
          scope: Namespaced
          versions:
          - name: v1
            served: true
            storage: true
            schema:
              openAPIV3Schema:
                type: object
                properties:
                  spec:
                    type: object
                    properties:
                      size: {type: integer}
        """;

    // A validation rule receives objects of every kind, so only RM1004 can apply.
    private static string RuleWith(string appliesTo) => Usings + $$"""
        namespace Consumer;

        [Rule("consumer.validation", Order = 9001)]
        {{appliesTo}}
        public sealed class Naming
        """ + ValidationBody;

    [Fact]
    public async Task A_kind_without_model_is_reported_on_its_AppliesTo()
    {
        var test = new AnalyzerTest(RuleWith("""[{|#0:AppliesTo("example.com", "Widget")|}]"""));
        test.ExpectedDiagnostics.Add(new DiagnosticResult(DiagnosticDescriptors.AppliesToUnknownKind).WithLocation(0).WithArguments("Naming", "'example.com/Widget'", string.Empty));
        await test.RunAsync();
    }

    [Fact]
    public async Task A_core_kind_in_the_wrong_group_is_reported()
    {
        var test = new AnalyzerTest(RuleWith("""[{|#0:AppliesTo("", "ServiceEntry")|}]"""));
        test.ExpectedDiagnostics.Add(new DiagnosticResult(DiagnosticDescriptors.AppliesToUnknownKind).WithLocation(0).WithArguments("Naming", "'ServiceEntry' (core group)", string.Empty));
        await test.RunAsync();
    }

    [Fact]
    public async Task A_kind_misspelled_only_in_case_is_reported_with_the_known_spelling()
    {
        var test = new AnalyzerTest(RuleWith("""[{|#0:AppliesTo("networking.istio.io", "Serviceentry")|}]"""));
        test.ExpectedDiagnostics.Add(new DiagnosticResult(DiagnosticDescriptors.AppliesToUnknownKind).WithLocation(0)
            .WithMessage("Rule 'Naming' applies to 'networking.istio.io/Serviceentry', a kind with no model; add its CustomResourceDefinition to the project as a RulesMeshCrd item, or reference an assembly that models it; did you mean 'networking.istio.io/ServiceEntry'?"));
        await test.RunAsync();
    }

    [Fact]
    public Task Only_the_unknown_one_of_several_AppliesTo_is_reported()
        => AnalyzerTest.Run(RuleWith("""
            [AppliesTo("", "Service")]
            [{|RM1004:AppliesTo("", "Servcie")|}]
            """));

    [Theory]
    [InlineData("", "Service")]
    [InlineData("", "Namespace")]
    [InlineData("", "Pod")]
    [InlineData("", "Node")]
    [InlineData("", "ConfigMap")]
    [InlineData("discovery.k8s.io", "EndpointSlice")]
    [InlineData("networking.istio.io", "Hostname")]
    public Task Core_kinds_and_the_hostname_pseudo_kind_are_known(string group, string kind)
        => AnalyzerTest.Run(RuleWith($"""[AppliesTo("{group}", "{kind}", Label = "app")]"""));

    [Theory]
    [InlineData("networking.istio.io", "ServiceEntry")]
    [InlineData("networking.istio.io", "WorkloadEntry")]
    [InlineData("gateway.networking.k8s.io", "HTTPRoute")]
    [InlineData("security.istio.io", "AuthorizationPolicy")]
    public Task Kinds_that_RulesMesh_dll_provides_are_known(string group, string kind)
        => AnalyzerTest.Run(RuleWith($"""[AppliesTo("{group}", "{kind}")]"""));

    [Fact]
    public Task A_kind_modelled_by_a_KubernetesEntity_type_of_this_project_is_known()
        => AnalyzerTest.Run(RuleWith("""[AppliesTo("example.com", "Widget")]"""), """
            namespace Consumer.Models;

            [k8s.Models.KubernetesEntity(Group = "example.com", ApiVersion = "v1", Kind = "Widget", PluralName = "widgets")]
            public sealed class Widget
            {
            }
            """);

    [Fact]
    public Task A_kind_provided_by_this_projects_own_model_catalog_is_known()
        => AnalyzerTest.Run(RuleWith("""[AppliesTo("example.com", "Widget")]"""), """
            [assembly: RulesMesh.Modeling.ProvidesModel("example.com", "v1", "Widget", typeof(Consumer.Models.Widget))]

            namespace Consumer.Models;

            public sealed class Widget
            {
            }
            """);

    [Fact]
    public async Task A_kind_whose_CRD_is_an_additional_file_is_known()
    {
        var test = new AnalyzerTest(RuleWith("""[AppliesTo("example.com", "Widget")]"""));
        test.TestState.AdditionalFiles.Add(("/crds/widgets.yaml", WidgetCrd));
        await test.RunAsync();
    }

    [Fact]
    public async Task CRDs_are_found_in_multi_document_files_in_any_key_order_and_flow_style()
    {
        var test = new AnalyzerTest(RuleWith("""
            [AppliesTo("example.com", "Widget")]
            [AppliesTo("example.com", "Gadget")]
            [AppliesTo("example.com", "Gizmo")]
            """));
        test.TestState.AdditionalFiles.Add(("/crds/all.yml", "---\n# a comment only\n---\n" + WidgetCrd + """

            ---
            spec:
              names: {plural: gadgets, kind: Gadget}
              group: example.com
            kind: CustomResourceDefinition
            apiVersion: apiextensions.k8s.io/v1
            ---
            {"apiVersion": "apiextensions.k8s.io/v1", "kind": "CustomResourceDefinition", "spec": {"group": "example.com", "names": {"kind": "Gizmo"}}}
            """));
        await test.RunAsync();
    }

    [Fact]
    public async Task A_kind_named_in_a_yaml_file_that_is_not_a_CRD_is_still_unknown()
    {
        var test = new AnalyzerTest(RuleWith("""[{|RM1004:AppliesTo("example.com", "Widget")|}]"""));
        test.TestState.AdditionalFiles.Add(("/crds/widget.yaml", """
            apiVersion: example.com/v1
            kind: Widget
            metadata: {name: w}
            spec: {group: example.com, names: {kind: Widget}}
            """));
        test.TestState.AdditionalFiles.Add(("/notes.txt", WidgetCrd));
        await test.RunAsync();
    }

    [Fact]
    public async Task Broken_yaml_does_not_break_the_analyzer()
    {
        var test = new AnalyzerTest(RuleWith("""[{|RM1004:AppliesTo("example.com", "Gadget")|}]"""));
        test.TestState.AdditionalFiles.Add(("/crds/widgets.yaml", WidgetCrd));
        test.TestState.AdditionalFiles.Add(("/crds/broken.yaml", "apiVersion: v1\nkind: [unclosed\nspec: {"));
        await test.RunAsync();
    }

    [Fact]
    public async Task A_kind_a_naming_rule_never_receives_is_reported()
    {
        var test = new AnalyzerTest(Usings + """
            namespace Consumer;

            [Rule("consumer.naming", Order = 1)]
            [{|#0:AppliesTo("", "Pod")|}]
            public sealed class Naming
            """ + NamingBody);
        test.ExpectedDiagnostics.Add(new DiagnosticResult(DiagnosticDescriptors.AppliesToUnreachableKind).WithLocation(0).WithArguments(
            "Naming", "'Pod' (core group)", "IClusterNameRule", "receives BackendTarget, which is always a Service, a ServiceEntry or a ServiceEntry hostname"));
        await test.RunAsync();
    }

    [Theory]
    [InlineData("", "Service")]
    [InlineData("networking.istio.io", "ServiceEntry")]
    [InlineData("networking.istio.io", "Hostname")]
    public Task Service_kinds_reach_a_naming_rule(string group, string kind)
        => AnalyzerTest.Run(Usings + $$"""
            namespace Consumer;

            [Rule("consumer.naming", Order = 1)]
            [AppliesTo("{{group}}", "{{kind}}")]
            public sealed class Naming
            """ + NamingBody);

    [Fact]
    public async Task A_service_model_rule_receives_only_its_own_kind()
    {
        var test = new AnalyzerTest(Usings + """
            namespace Consumer;

            [Rule("consumer.model", Order = 1)]
            [AppliesTo("", "Service")]
            [{|#0:AppliesTo("networking.istio.io", "ServiceEntry")|}]
            public sealed class Model : IServiceModelRule<k8s.Models.V1Service>
            {
                public MeshService Build(k8s.Models.V1Service resource, RuleContext context) => null;
            }
            """);
        test.ExpectedDiagnostics.Add(new DiagnosticResult(DiagnosticDescriptors.AppliesToUnreachableKind).WithLocation(0).WithArguments(
            "Model", "'networking.istio.io/ServiceEntry'", "IServiceModelRule<V1Service>", "receives only 'Service' (core group)"));
        await test.RunAsync();
    }

    [Fact]
    public async Task AppliesTo_on_a_contract_without_a_subject_is_reported()
    {
        var test = new AnalyzerTest(Usings + """
            namespace Consumer;

            [StageContract(RuleStage.Naming)]
            public interface IGreetingRule
            {
                string Greet(string name);
            }

            [Rule("consumer.greeting")]
            [{|#0:AppliesTo("", "Service")|}]
            public sealed class Greeting : IGreetingRule
            {
                public string Greet(string name) => "hello " + name;
            }
            """);
        test.ExpectedDiagnostics.Add(new DiagnosticResult(DiagnosticDescriptors.AppliesToUnreachableKind).WithLocation(0).WithArguments(
            "Greeting", "'Service' (core group)", "IGreetingRule", "has no parameter [AppliesTo] can be checked against (no Kubernetes object and no IRuleSubject)"));
        await test.RunAsync();
    }
}
