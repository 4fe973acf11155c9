using Microsoft.CodeAnalysis.Testing;
using RulesMesh.Analyzers.Tests.Infrastructure;
using RulesMesh.Generators.Diagnostics;
using static RulesMesh.Analyzers.Tests.Infrastructure.Sources;

namespace RulesMesh.Analyzers.Tests;

/// <summary>RM1026: a pipeline creates each rule once and reuses it, so a field one call can change is state shared with every later call.</summary>
public sealed class MutableStateTests
{
    [Fact]
    public async Task Static_and_instance_fields_that_are_not_readonly_are_each_reported_at_the_field()
    {
        var test = new AnalyzerTest(Usings + """
            [Rule("consumer.counting", Order = 1)]
            public sealed class Counting : IClusterNameRule
            {
                private static int {|#0:calls|};
                private int {|#1:instanceCalls|};

                public string ClusterName(BackendTarget target, RuleContext context)
                {
                    calls++;
                    instanceCalls++;
                    return null;
                }
            }
            """);
        test.ExpectedDiagnostics.Add(new DiagnosticResult(DiagnosticDescriptors.MutableRuleState).WithLocation(0).WithArguments("Counting", "field 'calls', which is not readonly"));
        test.ExpectedDiagnostics.Add(new DiagnosticResult(DiagnosticDescriptors.MutableRuleState).WithLocation(1).WithArguments("Counting", "field 'instanceCalls', which is not readonly"));
        await test.RunAsync();
    }

    [Fact]
    public async Task An_auto_property_with_a_setter_is_reported_at_the_property()
    {
        var test = new AnalyzerTest(Usings + """
            [Rule("consumer.last", Order = 1)]
            public sealed class Last : IClusterNameRule
            {
                public string {|#0:Previous|} { get; set; }

                public string ClusterName(BackendTarget target, RuleContext context) => Previous = null;
            }
            """);
        test.ExpectedDiagnostics.Add(new DiagnosticResult(DiagnosticDescriptors.MutableRuleState).WithLocation(0).WithArguments("Last", "property 'Previous', which is not readonly"));
        await test.RunAsync();
    }

    [Fact]
    public async Task A_mutable_field_of_a_base_class_in_source_is_reported_for_the_rule_deriving_from_it()
    {
        var test = new AnalyzerTest(Usings + """
            public abstract class CachingBase
            {
                protected string {|#0:cached|};
            }

            [Rule("consumer.cached", Order = 1)]
            public sealed class Cached : CachingBase, IClusterNameRule
            {
                public string ClusterName(BackendTarget target, RuleContext context) => cached;
            }
            """);
        test.ExpectedDiagnostics.Add(new DiagnosticResult(DiagnosticDescriptors.MutableRuleState).WithLocation(0).WithArguments("Cached", "field 'cached', which is not readonly"));
        await test.RunAsync();
    }

    [Fact]
    public Task Readonly_fields_constants_getter_only_and_init_properties_are_not_state()
        => AnalyzerTest.Run(Usings + """
            [Rule("consumer.settled", Order = 1)]
            public sealed class Settled : IClusterNameRule
            {
                private const string Prefix = "svc_";
                private static readonly System.Text.RegularExpressions.Regex Dns = new("^[a-z]+$");
                private readonly string suffix = "_x";

                public string Label { get; } = "l";

                public string Mode { get; init; } = "m";

                public string Computed => Prefix + suffix;

                public string ClusterName(BackendTarget target, RuleContext context) => Dns.IsMatch(Label) ? Computed + Mode : null;
            }
            """);

    [Fact]
    public Task Fields_of_a_class_that_is_not_a_rule_are_not_checked()
        => AnalyzerTest.Run(Usings + """
            public sealed class Counter
            {
                private int count;

                public int Next() => ++count;
            }
            """);

    [Fact]
    public async Task Readonly_collections_the_rule_changes_are_reported_at_each_change()
    {
        var test = new AnalyzerTest(Usings + """
            using System.Collections.Concurrent;
            using System.Collections.Generic;

            [Rule("consumer.cached", Order = 1)]
            public sealed class Cached : IClusterNameRule
            {
                private readonly Dictionary<string, string> cache = new();
                private static readonly List<string> Seen = new();
                private readonly ConcurrentDictionary<string, int> counts = new();

                public string ClusterName(BackendTarget target, RuleContext context)
                {
                    {|#0:Seen.Add(target.Host)|};
                    {|#1:counts.AddOrUpdate(target.Host, 1, (_, n) => n + 1)|};
                    if (!cache.TryGetValue(target.Host, out var name))
                    {
                        name = "c" + cache.Count;
                        {|#2:cache[target.Host] = name|};
                    }

                    return name;
                }
            }
            """);
        const string Readonly = " (readonly keeps the field from being reassigned, not the collection from changing)";
        test.ExpectedDiagnostics.Add(new DiagnosticResult(DiagnosticDescriptors.MutableRuleState).WithLocation(0).WithArguments("Cached", "field 'Seen', a List<string> it changes with Add" + Readonly));
        test.ExpectedDiagnostics.Add(new DiagnosticResult(DiagnosticDescriptors.MutableRuleState).WithLocation(1).WithArguments("Cached", "field 'counts', a ConcurrentDictionary<string, int> it changes with AddOrUpdate" + Readonly));
        test.ExpectedDiagnostics.Add(new DiagnosticResult(DiagnosticDescriptors.MutableRuleState).WithLocation(2).WithArguments("Cached", "field 'cache', a Dictionary<string, string> it changes with its indexer" + Readonly));
        await test.RunAsync();
    }

    [Fact]
    public Task Readonly_collections_the_rule_only_reads_and_collections_made_per_call_are_not_state()
        => AnalyzerTest.Run(Usings + """
            using System.Collections.Generic;

            [Rule("consumer.lookup", Order = 1)]
            public sealed class Lookup : IClusterNameRule
            {
                private static readonly Dictionary<string, string> Prefixes = new() { ["shop"] = "s" };

                public string ClusterName(BackendTarget target, RuleContext context)
                {
                    var parts = new List<string>();
                    parts.Add(Prefixes.TryGetValue(target.Service.Namespace, out var prefix) ? prefix : "x");
                    parts.Add(target.Service.Name);
                    return string.Join("_", parts);
                }
            }
            """);
}
