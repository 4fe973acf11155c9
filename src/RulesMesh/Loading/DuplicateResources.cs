using System.Globalization;
using System.Runtime.InteropServices;

namespace RulesMesh.Loading;

/// <summary>
/// The same kind, namespace and name loaded twice (in two files, twice in one, or in two API versions of one kind,
/// which read into one hub type): one survives, the later in load order (the later file in argument and path order,
/// then the later document), and each one dropped is a warning naming both locations. Every command loads through
/// here, so translate and capture see the same objects.
/// </summary>
internal static class DuplicateResources
{
    /// <summary>The survivors of <paramref name="resources"/>, in load order; a warning per dropped duplicate goes to <paramref name="diagnostics"/>.</summary>
    public static List<LoadedResource> KeepLast(List<LoadedResource> resources, List<LoadDiagnostic> diagnostics)
    {
        // From the last back, so that each key is looked up once: the first met of a key is the one kept.
        var kept = new Dictionary<(Type Type, string Namespace, string Name), int>(resources.Count);
        var survivors = new List<LoadedResource>(resources.Count);
        var dropped = new List<LoadDiagnostic>();
        for (var index = resources.Count - 1; index >= 0; index--)
        {
            var resource = resources[index];
            var key = Key(resource);
            ref var winner = ref CollectionsMarshal.GetValueRefOrAddDefault(kept, key, out var seen);
            if (!seen)
            {
                winner = index;
                survivors.Add(resource);
                continue;
            }

            var (_, ns, name) = key;
            var id = ns.Length == 0 ? name : $"{ns}/{name}";
            dropped.Add(LoadDiagnostic.Warning(
                $"{resource.Model.Kind} {id} is defined again at {Location(resources[winner])}; the later definition is used and this one is ignored.",
                resource.Document.SourceName,
                resource.Document.SourceMap.Root));
        }

        survivors.Reverse();
        dropped.Reverse();
        diagnostics.AddRange(dropped);
        return survivors;
    }

    // A namespaced object with no namespace is in "default", as the store reads it.
    private static (Type Type, string Namespace, string Name) Key(LoadedResource resource)
        => (resource.Object.GetType(),
            resource.Object.Metadata?.NamespaceProperty ?? (resource.Model.Namespaced ? "default" : string.Empty),
            resource.Object.Metadata?.Name ?? string.Empty);

    private static string Location(LoadedResource resource)
        => string.Create(CultureInfo.InvariantCulture, $"{resource.Document.SourceName}:{resource.Document.SourceMap.Root.Line}:{resource.Document.SourceMap.Root.Column}");
}
