using RulesMesh.Mesh;

namespace RulesMesh.Translation;

/// <summary>A problem translation worked around, about one object (e.g. <c>ServiceEntry shop/api</c>).</summary>
/// <param name="Subject">What the warning is about, as people read it: <c>AuthorizationPolicy shop/ap1</c>.</param>
/// <param name="Message">What was worked around.</param>
public sealed record TranslationWarning(string Subject, string Message)
{
    /// <summary>The input object the warning is about, when it is about one; lets a reader say where it was written.</summary>
    public ObjectKey? Resource { get; init; }

    /// <summary>The field of <see cref="Resource"/> at fault (<c>spec.rules[0].from[1]</c>), when known.</summary>
    public string? FieldPath { get; init; }

    /// <inheritdoc />
    public override string ToString() => $"{Subject}: {Message}";
}
