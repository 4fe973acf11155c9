namespace RulesMesh.Loading.CelLanguage;

/// <summary>
/// A CEL evaluation error (no such key, no matching overload, a value out of range). CEL's <c>&amp;&amp;</c>,
/// <c>||</c>, <c>all</c> and <c>exists</c> absorb it when their other operands decide the result; otherwise it makes
/// the rule's result an error. <see cref="ValueProblem"/>, when set, says in words what is wrong with the value the
/// rule read (a duration that does not parse), which is what a person needs to hear rather than the rule's message.
/// </summary>
internal sealed class CelEvaluationException(string message, string? valueProblem = null) : Exception(message)
{
    /// <summary>What is wrong with the value, for the person who wrote it; null when the error is not the value's.</summary>
    public string? ValueProblem { get; } = valueProblem;
}
