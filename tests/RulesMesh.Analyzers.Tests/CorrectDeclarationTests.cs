using RulesMesh.Analyzers.Tests.Infrastructure;
using static RulesMesh.Analyzers.Tests.Infrastructure.Sources;

namespace RulesMesh.Analyzers.Tests;

/// <summary>Correct declarations, written the way the built-in rules are, produce no diagnostic at all.</summary>
public sealed class CorrectDeclarationTests
{
    [Fact]
    public Task Built_in_style_rules_of_every_shape_produce_nothing()
        => AnalyzerTest.Run(Usings + ConsumerProfiles + """
            namespace Consumer;

            [Rule("consumer.waypoint.class", Order = 11, Profile = "kgateway",
                Description = "A Gateway is a waypoint when its class is ours.")]
            [WaypointClass("consumer-waypoint")]
            public sealed partial class ConsumerWaypointClass;

            [Rule("consumer.waypoint.for", Order = 21)]
            [WaypointFor("example.com/waypoint-for", DefaultValue = "service", AcceptedValues = "service,all")]
            public sealed partial class ConsumerWaypointFor;

            [Rule("consumer.capture.object-label", Order = 101,
                Description = "The object's own example.com/use-waypoint label names its waypoint.")]
            [UseWaypointLabel("example.com/use-waypoint", NamespaceLabel = "example.com/use-waypoint-namespace", OptOutValue = "none", Scope = LabelScope.Object)]
            public sealed partial class ConsumerObjectLabel;

            [Rule("consumer.capture.code", Order = 300, Replaces = "waypoint.capture.namespace-label")]
            [AppliesTo("networking.istio.io", "ServiceEntry", Label = "example.com/capture")]
            internal sealed class ConsumerCapture
            """ + CaptureBody + """


            [Rule("consumer.naming.service-cluster", Order = 100, Profile = "consumer",
                Description = "Service clusters are named consumer_<namespace>_<name>_<port>.")]
            [AppliesTo("", "Service")]
            [ClusterNameFormat("consumer_{namespace}_{name}_{port}")]
            public sealed partial class ConsumerServiceClusterName;

            [Rule("consumer.naming.code", Order = 300)]
            public sealed class ConsumerNaming
            """ + NamingBody + """


            [Rule("consumer.model.service", Order = 10)]
            [AppliesTo("", "Service")]
            public sealed class ConsumerServiceModel : IServiceModelRule<k8s.Models.V1Service>
            {
                public ConsumerServiceModel()
                {
                }

                public MeshService Build(k8s.Models.V1Service resource, RuleContext context) => null;
            }

            public sealed class NotARule
            {
            }
            """);

    [Fact]
    public async Task The_built_in_rules_produce_nothing()
    {
        // The library's own sources with its schemas as AdditionalFiles, as the library's build analyzes them.
        // Its generated models are not here (RulesMesh.dll, also referenced, has them, but the source's own
        // RuleAttribute wins, so the library is this compilation). Compiler errors from the missing generated
        // parts are not what this test is about.
        var folder = Path.Combine(AppContext.BaseDirectory, "LibrarySources");
        var files = Directory.EnumerateFiles(folder, "*.cs", SearchOption.AllDirectories).Order(StringComparer.Ordinal).ToList();
        Assert.Contains(files, f => File.ReadAllText(f).Contains("[Rule(\"waypoint.capture.object-label\"", StringComparison.Ordinal));
        var test = new AnalyzerTest();
        foreach (var file in files)
        {
            test.TestState.Sources.Add((Path.GetRelativePath(folder, file), File.ReadAllText(file)));
        }

        test.TestState.Sources.Add(("ImplicitUsings.cs", """
            global using System;
            global using System.Collections.Generic;
            global using System.IO;
            global using System.Linq;
            global using System.Threading;
            global using System.Threading.Tasks;
            """));
        foreach (var schema in Directory.EnumerateFiles(Path.Combine(AppContext.BaseDirectory, "LibrarySchemas"), "*.yaml").Order(StringComparer.Ordinal))
        {
            test.TestState.AdditionalFiles.Add(("/schemas/" + Path.GetFileName(schema), File.ReadAllText(schema)));
        }

        test.CompilerDiagnostics = Microsoft.CodeAnalysis.Testing.CompilerDiagnostics.None;
        await test.RunAsync();
    }

    [Fact]
    public Task A_compilation_without_RulesMesh_is_left_alone()
    {
        var test = new AnalyzerTest("""
            [System.Obsolete]
            public sealed class RuleAttribute : System.Attribute
            {
            }
            """);
        test.TestState.AdditionalReferences.Remove(TestReferences.RulesMesh);
        return test.RunAsync();
    }
}
