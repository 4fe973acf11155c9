namespace RulesMesh.Validation;

/// <summary>The problems validation rules found in one object, in the order found.</summary>
public sealed class ValidationProblems
{
    private readonly List<ValidationProblem> problems = [];

    /// <summary>Everything found so far.</summary>
    public IReadOnlyList<ValidationProblem> All => problems;

    /// <summary>Records that <paramref name="fieldPath"/> is wrong because of <paramref name="message"/>.</summary>
    public void Add(string fieldPath, string message) => problems.Add(new ValidationProblem(fieldPath, message));
}
