namespace RulesMesh.Loading.CelLanguage;

/// <summary>
/// A CEL evaluation error (no such key, no matching overload, a value out of range). CEL's <c>&amp;&amp;</c>,
/// <c>||</c>, <c>all</c> and <c>exists</c> absorb it when their other operands decide the result; otherwise it makes
/// the rule's result an error.
/// </summary>
internal sealed class CelEvaluationException(string message) : Exception(message);
