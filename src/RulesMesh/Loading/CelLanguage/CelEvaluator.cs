namespace RulesMesh.Loading.CelLanguage;

/// <summary>
/// A compiled CEL expression: computes its value from the variables in scope (slot 0 is <c>self</c>, the next slots
/// the variables of enclosing macros). Throws <see cref="CelEvaluationException"/> for a CEL evaluation error.
/// </summary>
internal delegate CelRuntimeValue CelEvaluator(CelRuntimeValue[] variables);
