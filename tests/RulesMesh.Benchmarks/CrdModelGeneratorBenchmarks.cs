using BenchmarkDotNet.Attributes;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using RulesMesh.Generators.Crd;

namespace RulesMesh.Benchmarks;

/// <summary>
/// The model generator over the full upstream Istio and Gateway API bundles, as a consumer's build would run it:
/// once from nothing, and again after an edit to C# code that touches none of its inputs.
/// </summary>
[MemoryDiagnoser]
public class CrdModelGeneratorBenchmarks
{
    private GeneratorInputs _inputs = null!;
    private GeneratorDriver _warmDriver = null!;
    private CSharpCompilation _editedCompilation = null!;

    // Runs no generator, so that with --strategy ColdStart the first ColdRun also pays for JIT and first loads.
    [GlobalSetup(Target = nameof(ColdRun))]
    public void SetupColdRun() => _inputs = LoadInputs();

    [GlobalSetup(Target = nameof(NoOpRerun))]
    public void SetupNoOpRerun()
    {
        _inputs = LoadInputs();
        _editedCompilation = _inputs.WithUnrelatedEdit();
        _warmDriver = CreateDriver(trackSteps: false).RunGenerators(_inputs.Compilation);
        NoOpRerunCheck.EnsureEverythingCached(CreateDriver(trackSteps: true), _inputs.Compilation, _editedCompilation);
    }

    [Benchmark]
    public GeneratorDriver ColdRun() => CreateDriver(trackSteps: false).RunGenerators(_inputs.Compilation);

    // GeneratorDriver is immutable: every invocation starts from the same warm state.
    [Benchmark]
    public GeneratorDriver NoOpRerun() => _warmDriver.RunGenerators(_editedCompilation);

    private static GeneratorInputs LoadInputs()
        => GeneratorInputs.Create(RepositoryLayout.FindUpstreamBundles()
            ?? throw new InvalidOperationException("Upstream CRD bundles not found: " + RepositoryLayout.Describe()));

    private GeneratorDriver CreateDriver(bool trackSteps)
        => CSharpGeneratorDriver.Create(
            [new CrdModelGenerator().AsSourceGenerator()],
            _inputs.AdditionalTexts,
            driverOptions: new GeneratorDriverOptions(IncrementalGeneratorOutputKind.None, trackSteps));
}
