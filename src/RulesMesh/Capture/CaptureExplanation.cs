namespace RulesMesh.Capture;

/// <summary>Why a service is or is not captured, in sentences a user reads.</summary>
/// <param name="Summary">The answer in one sentence, naming the deciding rule.</param>
/// <param name="Details">The rest: notes on the outcome, then every rule consulted, in order, with its outcome and reason.</param>
public sealed record CaptureExplanation(string Summary, IReadOnlyList<string> Details)
{
    /// <summary>The summary followed by the details, one per line.</summary>
    public override string ToString() => string.Join(Environment.NewLine, Details.Prepend(Summary));
}
