using System.Diagnostics.CodeAnalysis;
using System.Reflection;
using RulesMesh.Modeling;
using RulesMesh.Models;

namespace RulesMesh.Loading;

/// <summary>Finds the typed model for a manifest's <c>apiVersion</c> and <c>kind</c>.</summary>
public sealed class ModelRegistry
{
    private readonly Dictionary<(string ApiVersion, string Kind), ModelDescriptor> models = [];

    /// <summary>
    /// Builds a registry from <paramref name="catalogs"/>. A later catalog replaces an earlier
    /// entry for the same apiVersion and kind, so a user's own models take precedence.
    /// </summary>
    public ModelRegistry(params IEnumerable<IEnumerable<ModelDescriptor>> catalogs)
    {
        foreach (var model in catalogs.SelectMany(static catalog => catalog))
        {
            models[(model.ApiVersion, model.Kind)] = model;
        }
    }

    /// <summary>
    /// The core Kubernetes kinds, every model generated into RulesMesh, and the models of the catalogs the application's
    /// entry assembly names with <see cref="ModelCatalogAttribute"/> (the model generator writes it beside the program's
    /// own CRD kinds), so a program's own kinds load with no registration code.
    /// </summary>
    public static ModelRegistry Default { get; } = new(CoreKubernetesModels.All, GeneratedModels.All, EntryAssemblyCatalogs());

    /// <summary>Every registered model.</summary>
    public IReadOnlyCollection<ModelDescriptor> Models => models.Values;

    /// <summary>A registry with this one's models and those of <paramref name="catalog"/>, which win on a clash.</summary>
    public ModelRegistry With(IEnumerable<ModelDescriptor> catalog) => new(Models, catalog);

    private static IEnumerable<ModelDescriptor> EntryAssemblyCatalogs()
        => (Assembly.GetEntryAssembly()?.GetCustomAttributes<ModelCatalogAttribute>() ?? [])
            .Where(static catalog => catalog.CatalogType != typeof(GeneratedModels))
            .SelectMany(static catalog => catalog.Models)
            .ToList();

    /// <summary>The model for <paramref name="apiVersion"/> and <paramref name="kind"/>, both compared exactly.</summary>
    public bool TryGet(string apiVersion, string kind, [NotNullWhen(true)] out ModelDescriptor? model)
        => models.TryGetValue((apiVersion, kind), out model);
}
