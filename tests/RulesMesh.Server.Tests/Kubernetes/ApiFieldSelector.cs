using System.Text.Json.Nodes;

namespace RulesMesh.Server.Tests.Kubernetes;

/// <summary>
/// A <c>fieldSelector</c> as kube-apiserver reads it for the fields the source selects on: terms joined by commas, each
/// <c>field=value</c>, <c>field==value</c> or <c>field!=value</c>, all of which must hold; a field is a dotted path in
/// the object (<c>type</c>, <c>metadata.name</c>).
/// </summary>
internal sealed class ApiFieldSelector
{
    private readonly List<(string[] Path, bool Equal, string Value)> _terms = [];

    public ApiFieldSelector(string selector)
    {
        foreach (var term in selector.Split(',', StringSplitOptions.RemoveEmptyEntries))
        {
            var notEqual = term.IndexOf("!=", StringComparison.Ordinal);
            var (field, equal, value) = notEqual >= 0
                ? (term[..notEqual], false, term[(notEqual + 2)..])
                : term.Split(term.Contains("==", StringComparison.Ordinal) ? "==" : "=") is [var name, var wanted] ? (name, true, wanted) : throw new FormatException($"invalid field selector term '{term}'");
            _terms.Add((field.Split('.'), equal, value));
        }
    }

    /// <summary>Whether <paramref name="item"/> meets every term (a field it lacks reads as empty).</summary>
    public bool Matches(JsonNode? item)
        => _terms.All(term => (term.Path.Aggregate(item, static (node, step) => node?[step])?.GetValue<string>() ?? string.Empty) == term.Value == term.Equal);
}
