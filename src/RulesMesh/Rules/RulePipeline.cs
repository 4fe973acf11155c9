namespace RulesMesh.Rules;

/// <summary>
/// One profile's rules compiled into direct calls. The rules generator writes one subclass per profile into each
/// <see cref="RulePipelinesAttribute"/> class; the subclass implements every stage contract it knows, so stage code calls
/// a stage as <c>pipeline.Stage&lt;IClusterRule&gt;().BuildCluster(...)</c>. Nothing is looked up at run time.
/// </summary>
public abstract class RulePipeline
{
    /// <summary>The profile this pipeline implements.</summary>
    public abstract string Profile { get; }

    /// <summary>The active rules, by stage, contract and order, with replacements applied.</summary>
    public abstract IReadOnlyList<RuleInfo> Rules { get; }

    /// <summary>This pipeline as the stage contract <typeparamref name="TContract"/>.</summary>
    /// <exception cref="InvalidOperationException">The contract was not known to the project that generated the pipeline.</exception>
    public TContract Stage<TContract>()
        where TContract : class
        => this as TContract ?? throw new InvalidOperationException(
            $"The '{Profile}' pipeline ({GetType().FullName}) does not implement {typeof(TContract).FullName}: it is not a [StageContract] interface "
            + "of the project that declares the pipeline or of an assembly that project references.");
}
