using Microsoft.CodeAnalysis.Testing;
using RulesMesh.Analyzers.Tests.Infrastructure;
using RulesMesh.Generators.Diagnostics;
using static RulesMesh.Analyzers.Tests.Infrastructure.Sources;

namespace RulesMesh.Analyzers.Tests;

/// <summary>RM1012: profiles are a declared set; a rule naming an undeclared profile is an error with the closest declared name.</summary>
public sealed class ProfileTests
{
    [Fact]
    public async Task A_misspelled_profile_is_an_error_that_suggests_the_declared_one()
    {
        var test = new AnalyzerTest(Usings + """
            namespace Consumer;

            [Rule("consumer.capture", Order = 1, {|#0:Profile = "kgatway"|})]
            public sealed class CaptureRule
            """ + CaptureBody);
        test.ExpectedDiagnostics.Add(new DiagnosticResult(DiagnosticDescriptors.UnknownProfile).WithLocation(0)
            .WithArguments("consumer.capture", "kgatway", "; did you mean 'kgateway'?", "istio, kgateway"));
        await test.RunAsync();
    }

    [Fact]
    public async Task The_profile_suggestion_ends_the_message_rather_than_running_into_the_advice()
    {
        var test = new AnalyzerTest(Usings + """
            namespace Consumer;

            [Rule("consumer.capture", Order = 1, {|#0:Profile = "kgatway"|})]
            public sealed class CaptureRule
            """ + CaptureBody);
        test.ExpectedDiagnostics.Add(new DiagnosticResult(DiagnosticDescriptors.UnknownProfile).WithLocation(0)
            .WithMessage("Rule 'consumer.capture' belongs to profile 'kgatway', which is not declared by [assembly: RuleProfile] in this project or in the assemblies it references; declare it with [assembly: RuleProfile(\"kgatway\")] or name a declared profile (istio, kgateway); did you mean 'kgateway'?"));
        await test.RunAsync();
    }

    [Fact]
    public async Task A_profile_far_from_every_declared_one_gets_no_suggestion()
    {
        var test = new AnalyzerTest(Usings + """
            namespace Consumer;

            [Rule("consumer.capture", Order = 1, {|#0:Profile = "acme-strict"|})]
            public sealed class CaptureRule
            """ + CaptureBody);
        test.ExpectedDiagnostics.Add(new DiagnosticResult(DiagnosticDescriptors.UnknownProfile).WithLocation(0)
            .WithArguments("consumer.capture", "acme-strict", string.Empty, "istio, kgateway"));
        await test.RunAsync();
    }

    [Fact]
    public Task The_profiles_RulesMesh_declares_are_known()
        => AnalyzerTest.Run(Usings + """
            namespace Consumer;

            [Rule("consumer.kgateway", Order = 1, Profile = "kgateway")]
            public sealed class KgatewayRule
            """ + CaptureBody + """


            [Rule("consumer.istio", Order = 1, Profile = "istio")]
            public sealed class IstioRule
            """ + CaptureBody);

    [Fact]
    public Task A_profile_this_project_declares_is_known()
        => AnalyzerTest.Run(Usings + """
            [assembly: RuleProfile("acme-strict")]

            namespace Consumer;

            [Rule("consumer.capture", Order = 1, Profile = "acme-strict")]
            public sealed class CaptureRule
            """ + CaptureBody);
}
