using Microsoft.CodeAnalysis.Testing;
using RulesMesh.Analyzers.Tests.Infrastructure;
using RulesMesh.Generators.Diagnostics;
using static RulesMesh.Analyzers.Tests.Infrastructure.Sources;

namespace RulesMesh.Analyzers.Tests;

/// <summary>RM1025: rules are referred to by name (Before, After, Replaces, Decorates, traces), so a name cannot be empty.</summary>
public sealed class EmptyRuleNameTests
{
    [Theory]
    [InlineData("\"\"")]
    [InlineData("\"   \"")]
    public async Task An_empty_or_blank_name_is_reported_at_the_name(string name)
    {
        var test = new AnalyzerTest(Usings + "[Rule({|#0:" + name + "|}, Order = 1)]\npublic sealed class R" + NamingBody);
        test.ExpectedDiagnostics.Add(new DiagnosticResult(DiagnosticDescriptors.EmptyRuleName).WithLocation(0).WithArguments("R"));
        await test.RunAsync();
    }
}
