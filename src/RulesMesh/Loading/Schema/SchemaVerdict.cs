namespace RulesMesh.Loading.Schema;

/// <summary>
/// What a compiled schema check says of a value: it certainly passes, it certainly fails, or the check cannot tell
/// exactly as NJsonSchema would (a case it does not model), and NJsonSchema must decide.
/// </summary>
internal enum SchemaVerdict
{
    Accepted,
    Rejected,
    Undecided,
}
