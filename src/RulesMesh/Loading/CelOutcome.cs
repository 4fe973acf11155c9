namespace RulesMesh.Loading;

/// <summary>The result of running one CEL validation rule on a value.</summary>
internal enum CelOutcome
{
    /// <summary>The rule holds.</summary>
    Holds,

    /// <summary>The rule returned false.</summary>
    Fails,

    /// <summary>The rule could not be evaluated (a missing field, a type error): the API server refuses the object.</summary>
    Error,

    /// <summary>The rule needs a function this environment does not provide: not enforced.</summary>
    Unsupported,
}
