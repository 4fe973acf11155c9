using System.Text.Json;
using System.Text.Json.Nodes;

namespace RulesMesh.Loading;

/// <summary>
/// Loads Kubernetes manifests into typed objects. A document that cannot be used becomes an error
/// naming its file, line and field, and every other document is still loaded; kinds without a model
/// are skipped with one warning per kind. Input beyond <see cref="LoaderLimits"/> is refused with an error naming the limit.
/// </summary>
/// <param name="registry">The models to read with; <see cref="ModelRegistry.Default"/> when null.</param>
/// <param name="jsonOptions">Serializer options; <see cref="ManifestJsonOptions.Default"/> when null.</param>
/// <param name="validateSchemas">Check custom resources against their CRD schema before reading them (default on).</param>
/// <param name="limits">Sizes, counts and depths allowed; <see cref="LoaderLimits.Default"/> when null.</param>
public sealed class ManifestLoader(ModelRegistry? registry = null, JsonSerializerOptions? jsonOptions = null, bool validateSchemas = true, LoaderLimits? limits = null)
{
    private readonly ModelRegistry registry = registry ?? ModelRegistry.Default;
    private readonly LoaderLimits limits = limits ?? LoaderLimits.Default;
    private readonly JsonSerializerOptions jsonOptions = AllowingDepth(jsonOptions ?? ManifestJsonOptions.Default, (limits ?? LoaderLimits.Default).MaxDepth);
    private readonly SchemaValidator? validator = validateSchemas ? new SchemaValidator() : null;

    /// <summary>Loads files and folders (see <see cref="ManifestSource.FromPath"/>), in the order given.</summary>
    public LoadResult LoadPaths(params IEnumerable<string> paths) => Load(paths.SelectMany(ManifestSource.FromPath));

    /// <summary>Loads one YAML or JSON text.</summary>
    public LoadResult LoadText(string text, string sourceName) => Load([ManifestSource.FromText(sourceName, text)]);

    /// <summary>Loads <paramref name="sources"/> in order into one result.</summary>
    public LoadResult Load(IEnumerable<ManifestSource> sources)
    {
        var resources = new List<LoadedResource>();
        var diagnostics = new List<LoadDiagnostic>();
        var skippedKinds = new Dictionary<(string ApiVersion, string Kind), SkippedKind>();
        var bytesLeft = limits.MaxTotalBytes;
        var documentCount = 0;
        foreach (var source in sources)
        {
            string text;
            var fileLimitBinds = limits.MaxFileBytes <= bytesLeft;
            try
            {
                text = source.ReadText(Math.Min(limits.MaxFileBytes, bytesLeft));
            }
            catch (ManifestTooLargeException)
            {
                var message = fileLimitBinds ? LimitMessages.FileBytes(limits.MaxFileBytes) : LimitMessages.TotalBytes(limits.MaxTotalBytes);
                diagnostics.Add(LoadDiagnostic.Error(message, source.Name, new SourcePosition(1, 1)));
                if (fileLimitBinds)
                {
                    continue;
                }

                break;
            }
            catch (InvalidManifestEncodingException exception)
            {
                diagnostics.Add(LoadDiagnostic.Error(exception.Message, source.Name, new SourcePosition(exception.Line, exception.Column)));
                continue;
            }
            catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
            {
                diagnostics.Add(LoadDiagnostic.Error($"Cannot read: {exception.Message}", source.Name, new SourcePosition(1, 1)));
                continue;
            }

            bytesLeft -= System.Text.Encoding.UTF8.GetByteCount(text);
            var read = ManifestReader.Read(text, source.Name, limits, documentCount);
            documentCount += read.Documents.Count;
            diagnostics.AddRange(read.Errors);
            diagnostics.AddRange(read.Warnings);
            if (read.Documents.Count == 0 && read.Errors.Count == 0)
            {
                diagnostics.Add(LoadDiagnostic.Warning("The file holds no YAML document: nothing was loaded from it.", source.Name, new SourcePosition(1, 1)));
            }

            foreach (var document in read.Documents)
            {
                LoadDocument(document, resources, diagnostics, skippedKinds);
            }

            if (read.ReachedDocumentLimit)
            {
                break;
            }
        }

        diagnostics.AddRange(skippedKinds.Select(skipped => UnknownKindWarning(skipped.Key.ApiVersion, skipped.Key.Kind, skipped.Value)));
        return new LoadResult(DuplicateResources.KeepLast(resources, diagnostics), diagnostics);
    }

    private void LoadDocument(
        ManifestDocument document,
        List<LoadedResource> resources,
        List<LoadDiagnostic> diagnostics,
        Dictionary<(string ApiVersion, string Kind), SkippedKind> skippedKinds)
    {
        if (document.Json is not JsonObject manifest)
        {
            diagnostics.Add(ErrorAt(document, FieldPath.Root, $"Expected a Kubernetes object (a mapping with apiVersion and kind), found {document.Json.GetValueKind()}."));
            return;
        }

        var apiVersion = RequiredString(document, manifest, "apiVersion", diagnostics);
        var kind = RequiredString(document, manifest, "kind", diagnostics);
        if (apiVersion is null || kind is null)
        {
            return;
        }

        if (!registry.TryGet(apiVersion, kind, out var model))
        {
            if (skippedKinds.TryGetValue((apiVersion, kind), out var skipped))
            {
                skipped.Count++;
            }
            else
            {
                skippedKinds[(apiVersion, kind)] = new SkippedKind(document);
            }

            return;
        }

        if (ObjectMetadataValidator.Validate(model, manifest).Concat(validator?.Validate(model, manifest) ?? []).ToList() is { Count: > 0 } violations)
        {
            var name = ObjectMetadataValidator.DisplayName(manifest);
            foreach (var violation in violations)
            {
                var field = violation.FieldPath.Length == 0 ? "the object" : violation.FieldPath;
                diagnostics.Add(ErrorAt(document, violation.FieldPath, $"{kind} {name} breaks its schema: {field} {violation.Message}."));
            }

            return;
        }

        try
        {
            var element = JsonSerializer.SerializeToElement(manifest, jsonOptions);
            if (model.Deserialize(element, jsonOptions) is { } typed)
            {
                resources.Add(new LoadedResource(typed, model, document));
            }
        }
        catch (JsonException exception)
        {
            var path = exception.Path is null ? FieldPath.Root : FieldPath.FromJsonPath(exception.Path);
            diagnostics.Add(ErrorAt(document, path, $"Not a valid {kind}: {DeserializationMessages.ForPeople(exception.Message)}"));
        }
        catch (Exception exception) when (exception is FormatException or OverflowException or InvalidOperationException or ArgumentException)
        {
            // A model's converter rejected a value without saying where; the document is the best location.
            diagnostics.Add(ErrorAt(document, FieldPath.Root, $"Not a valid {kind}: {DeserializationMessages.ForPeople(exception.Message)}"));
        }
    }

    private static string? RequiredString(ManifestDocument document, JsonObject manifest, string field, List<LoadDiagnostic> diagnostics)
    {
        if (manifest[field] is JsonValue value && value.TryGetValue<string>(out var text) && text.Length > 0)
        {
            return text;
        }

        var problem = manifest[field] switch
        {
            null when !manifest.ContainsKey(field) => $"The document has no {field}",
            null => $"The document's {field} is null",
            JsonValue empty when empty.TryGetValue<string>(out _) => $"The document's {field} is empty",
            var other => $"The document's {field} is {DeserializationMessages.Describe(other.GetValueKind())}, not a string",
        };
        diagnostics.Add(ErrorAt(document, field, $"{problem}; every Kubernetes object needs a non-empty string {field}."));
        return null;
    }

    private static LoadDiagnostic ErrorAt(ManifestDocument document, string fieldPath, string message)
        => LoadDiagnostic.Error(
            message,
            document.SourceName,
            document.SourceMap.Locate(fieldPath),
            fieldPath.Length == 0 ? null : fieldPath);

    private LoadDiagnostic UnknownKindWarning(string apiVersion, string kind, SkippedKind skipped)
    {
        var otherVersions = registry.Models
            .Where(model => model.Kind == kind && model.ApiVersion != apiVersion)
            .Select(static model => model.ApiVersion)
            .Order(StringComparer.Ordinal)
            .ToList();
        var hint = otherVersions.Count == 0 ? string.Empty : $" Known apiVersions for {kind}: {string.Join(", ", otherVersions)}.";
        var documents = skipped.Count == 1 ? "1 document" : $"{skipped.Count} documents";
        return LoadDiagnostic.Warning(
            $"No model for apiVersion {apiVersion}, kind {kind}: skipped {documents}, the first here.{hint}",
            skipped.First.SourceName,
            skipped.First.SourceMap.Root);
    }

    /// <summary>System.Text.Json's own depth limit (64) would refuse documents the loader's limit allows.</summary>
    private static JsonSerializerOptions AllowingDepth(JsonSerializerOptions options, int maxDepth)
    {
        // The converted document adds a level for the root; a little room avoids an off-by-one refusal.
        var needed = maxDepth + 2;
        var current = options.MaxDepth == 0 ? 64 : options.MaxDepth;
        if (current >= needed)
        {
            return options;
        }

        var deeper = new JsonSerializerOptions(options) { MaxDepth = needed };
        deeper.MakeReadOnly(populateMissingResolver: true);
        return deeper;
    }

    /// <summary>Documents of one unknown kind: counted so that the kind gets a single warning.</summary>
    private sealed class SkippedKind(ManifestDocument first)
    {
        public ManifestDocument First { get; } = first;

        public int Count { get; set; } = 1;
    }
}
