using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp.Testing;
using Microsoft.CodeAnalysis.Testing;
using RulesMesh.Generators.Analyzers;

namespace RulesMesh.Analyzers.Tests.Infrastructure;

/// <summary>The rule analyzer over test sources that reference the real RulesMesh.dll.</summary>
internal sealed class AnalyzerTest : CSharpAnalyzerTest<RulesAnalyzer, DefaultVerifier>
{
    public AnalyzerTest(params string[] sources)
    {
        foreach (var source in sources)
        {
            TestState.Sources.Add(source);
        }

        TestReferences.AddTo(TestState);
    }

    /// <summary>Checks that the sources produce exactly the diagnostics marked in them.</summary>
    public static Task Run(params string[] sources) => new AnalyzerTest(sources).RunAsync();
}

/// <summary>A code fix over the rule analyzer's diagnostics: <c>source</c> becomes <c>fixedSource</c>.</summary>
internal sealed class CodeFixTest<TCodeFix> : CSharpCodeFixTest<RulesAnalyzer, TCodeFix, DefaultVerifier>
    where TCodeFix : CodeFixProvider, new()
{
    public CodeFixTest(string source, string fixedSource)
    {
        TestCode = source;
        FixedCode = fixedSource;
        TestReferences.AddTo(TestState);
        TestReferences.AddTo(FixedState);
    }

    public static Task Run(string source, string fixedSource) => new CodeFixTest<TCodeFix>(source, fixedSource).RunAsync();
}
