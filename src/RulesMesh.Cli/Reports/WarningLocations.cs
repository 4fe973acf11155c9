using System.Globalization;
using RulesMesh.Loading;
using RulesMesh.Store;
using RulesMesh.Translation;

namespace RulesMesh.Cli.Reports;

/// <summary>
/// Translation warnings as lines that say where their object was written: <c>file:line:column: warning: …</c> at the
/// start of the object's document, when the warning's subject (<c>AuthorizationPolicy shop/ap1</c>) names exactly one
/// loaded object; a plain <c>warning: …</c> otherwise (a subject that is no object, or two kinds of one name, such as
/// Istio's and Gateway API's Gateway).
/// </summary>
internal sealed class WarningLocations
{
    // By subject, as translation writes it; null when the subject names more than one loaded object.
    private readonly Dictionary<string, LoadedResource?> bySubject = new(StringComparer.Ordinal);

    public WarningLocations(LoadResult loaded, IEnumerable<TranslationWarning> warnings)
    {
        // Only objects of a kind some warning names get a subject made: a mesh has a hundred thousand Pods, few warnings.
        var kinds = warnings.Select(static w => w.Subject.Split(' ', 2)[0]).ToHashSet(StringComparer.Ordinal);
        foreach (var resource in loaded.Resources)
        {
            if (!kinds.Contains(resource.Model.Kind))
            {
                continue;
            }

            var subject = Subject(resource);
            bySubject[subject] = bySubject.ContainsKey(subject) ? null : resource;
        }
    }

    /// <summary>The line to print for <paramref name="warning"/>, located when its subject is one loaded object.</summary>
    public string Line(TranslationWarning warning)
    {
        var text = OneLine.Of(warning.ToString());
        if (!bySubject.TryGetValue(warning.Subject, out var resource) || resource is null)
        {
            return "warning: " + text;
        }

        var document = resource.Document;
        var position = document.SourceMap.Locate(FieldPath.Root);
        return string.Create(CultureInfo.InvariantCulture, $"{OneLine.Of(document.SourceName)}:{position.Line}:{position.Column}: warning: {text}");
    }

    // How translation names an object: "Kind namespace/name", or "Kind name" for one outside namespaces.
    private static string Subject(LoadedResource resource)
    {
        var metadata = resource.Object.Metadata;
        var name = metadata?.Name ?? string.Empty;
        return resource.Model.Namespaced
            ? $"{resource.Model.Kind} {metadata?.NamespaceProperty ?? ResourceStore.DefaultNamespace}/{name}"
            : $"{resource.Model.Kind} {name}";
    }
}
