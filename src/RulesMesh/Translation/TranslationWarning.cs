namespace RulesMesh.Translation;

/// <summary>A problem translation worked around, about one object (e.g. <c>ServiceEntry shop/api</c>).</summary>
public sealed record TranslationWarning(string Subject, string Message)
{
    /// <inheritdoc />
    public override string ToString() => $"{Subject}: {Message}";
}
