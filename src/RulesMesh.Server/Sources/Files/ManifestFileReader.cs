using System.Globalization;
using System.Text.Json;
using RulesMesh.Engine;
using RulesMesh.Loading;
using RulesMesh.Rules;
using RulesMesh.Store;
using RulesMesh.Validation;

namespace RulesMesh.Server.Sources.Files;

/// <summary>
/// Reads one manifest file as <c>rulesmesh translate</c> reads its input: the same loader (schemas, CEL rules,
/// metadata checks, limits) and the same validation stage (Istio's webhook checks), the same messages.
/// </summary>
/// <param name="limits">The loader's limits, applied to each file on its own.</param>
/// <param name="validation">The pipeline whose validation rules run; they carry no profile, so any profile's will do.</param>
internal sealed class ManifestFileReader(LoaderLimits limits, RulePipeline validation)
{
    private readonly ManifestLoader loader = new(limits: limits);

    /// <summary>Reads <paramref name="path"/>; a file that cannot be read is a read with an error and no objects.</summary>
    public FileRead Read(string path)
    {
        var stamp = FileStamp.Of(path);
        var loaded = ObjectValidation.Apply(loader.Load(ManifestSource.FromPath(path)), validation);
        var objects = loaded.Resources.Select(static resource => new FileObject(
            ResourceKey.Of(ResourceStore.KeyOf(resource)),
            resource.Object,
            string.Create(CultureInfo.InvariantCulture, $"{resource.Document.SourceName}:{resource.Document.Line}"),
            JsonSerializer.SerializeToUtf8Bytes(resource.Object, resource.Object.GetType(), ManifestJsonOptions.Default),
            resource.Document)).ToList();
        return new FileRead(stamp, objects, [.. loaded.Diagnostics.Select(static d => d.ToString())], loaded.HasErrors);
    }
}
