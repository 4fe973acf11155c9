using System.Globalization;
using RulesMesh.Loading;
using RulesMesh.Store;
using RulesMesh.Translation;
using RulesMesh.Mesh;

namespace RulesMesh.Cli.Reports;

/// <summary>
/// Translation warnings as lines that say where their object was written: <c>file:line:column: warning: …</c> at the
/// warning's field, or at the start of the object's document when the field is not written there (a defaulted value)
/// or not known; a plain <c>warning: …</c> for a warning about no loaded object.
/// </summary>
internal sealed class WarningLocations
{
    private readonly Dictionary<ObjectKey, ManifestDocument> byKey = [];

    public WarningLocations(LoadResult loaded, IEnumerable<TranslationWarning> warnings)
    {
        // Only the objects some warning is about are keyed: a mesh has a hundred thousand Pods, few warnings.
        var named = warnings.Select(static w => w.Resource).OfType<ObjectKey>().ToHashSet();
        var kinds = named.Select(static key => (key.Group, key.Kind)).ToHashSet();
        foreach (var resource in loaded.Resources)
        {
            if (!kinds.Contains((resource.Model.Group, resource.Model.Kind)))
            {
                continue;
            }

            // A later object of the same key replaces an earlier one in the store, so it is the one translated.
            if (ResourceStore.KeyOf(resource) is var key && named.Contains(key))
            {
                byKey[key] = resource.Document;
            }
        }
    }

    /// <summary>The line to print for <paramref name="warning"/>, located when it is about a loaded object.</summary>
    public string Line(TranslationWarning warning)
    {
        var text = OneLine.Of(warning.ToString());
        if (warning.Resource is not { } key || !byKey.TryGetValue(key, out var document))
        {
            return "warning: " + text;
        }

        var position = document.SourceMap.FieldOrRoot(warning.FieldPath);
        return string.Create(CultureInfo.InvariantCulture, $"{OneLine.Of(document.SourceName)}:{position.Line}:{position.Column}: warning: {text}");
    }
}
