namespace RulesMesh.Tests.RoundTrip;

/// <summary>A theory over the repository's sample manifests, skipped while <c>samples/</c> has none (xunit fails a theory without data).</summary>
public sealed class SamplesTheoryAttribute : TheoryAttribute
{
    public SamplesTheoryAttribute()
    {
        if (RoundTripCorpus.Samples().Count == 0)
        {
            Skip = "samples/ has no manifests yet.";
        }
    }
}
