namespace RulesMesh.Server.Tests.Proxyless;

/// <summary>Which backend answered how many calls of a round, and the errors by status code and details.</summary>
/// <param name="Backends">Answers per backend name.</param>
/// <param name="Errors">Failed calls per <c>code details</c>.</param>
internal sealed record CallCounts(IReadOnlyDictionary<string, int> Backends, IReadOnlyDictionary<string, int> Errors)
{
    /// <summary>Whether every call of the round reached <paramref name="backend"/>.</summary>
    public bool AllReached(string backend) => Errors.Count == 0 && Backends.Count == 1 && Backends.ContainsKey(backend);

    /// <summary>Answers from <paramref name="backend"/>.</summary>
    public int Of(string backend) => Backends.GetValueOrDefault(backend);

    public override string ToString()
        => string.Join(", ", Backends.Select(static b => $"{b.Key}: {b.Value}").Concat(Errors.Select(static e => $"error {e.Key}: {e.Value}")));
}
