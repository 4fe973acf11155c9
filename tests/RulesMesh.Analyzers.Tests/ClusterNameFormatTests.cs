using Microsoft.CodeAnalysis.Testing;
using RulesMesh.Analyzers.Tests.Infrastructure;
using RulesMesh.Generators.Diagnostics;
using static RulesMesh.Analyzers.Tests.Infrastructure.Sources;

namespace RulesMesh.Analyzers.Tests;

/// <summary>RM1029: a [ClusterNameFormat] names only known placeholders and closes every brace, or every cluster is named by the raw text.</summary>
public sealed class ClusterNameFormatTests
{
    private const string Known = "{namespace}, {name}, {host}, {port}, {kind}, {group}";

    private static string RuleWith(string format) => Usings + $$"""
        namespace Consumer;

        [Rule("consumer.naming", Order = 7, Profile = "istio")]
        [AppliesTo("", "Service")]
        [ClusterNameFormat({|#0:"{{format}}"|})]
        public sealed partial class Naming;
        """;

    [Fact]
    public async Task A_misspelled_placeholder_and_an_unclosed_brace_are_reported_with_the_known_placeholders()
    {
        var test = new AnalyzerTest(RuleWith("x_{hots}_{port"));
        test.ExpectedDiagnostics.Add(new DiagnosticResult(DiagnosticDescriptors.InvalidClusterNameFormat).WithLocation(0)
            .WithArguments("Naming", "x_{hots}_{port", "'{hots}' is no placeholder and the '{' at position 10 is never closed", Known, "; did you mean '{host}'?"));
        await test.RunAsync();
    }

    [Fact]
    public async Task A_closing_brace_without_an_opening_one_is_reported()
    {
        var test = new AnalyzerTest(RuleWith("svc_port}_{name}"));
        test.ExpectedDiagnostics.Add(new DiagnosticResult(DiagnosticDescriptors.InvalidClusterNameFormat).WithLocation(0)
            .WithArguments("Naming", "svc_port}_{name}", "the '}' at position 9 closes no '{'", Known, string.Empty));
        await test.RunAsync();
    }

    [Theory]
    [InlineData("kube_{namespace}_{name}_{port}")]
    [InlineData("outbound|{port}||{host}")]
    [InlineData("{group}.{kind}/{namespace}/{name}:{port}")]
    public Task Formats_of_known_placeholders_are_not_reported(string format)
        => AnalyzerTest.Run(RuleWith(format).Replace("{|#0:", string.Empty, StringComparison.Ordinal).Replace("\"|}", "\"", StringComparison.Ordinal));
}
