using System.Buffers;
using System.Globalization;
using System.Runtime.InteropServices;
using System.Text.Json;
using System.Text.Json.Nodes;
using RulesMesh.Modeling;

namespace RulesMesh.Loading;

/// <summary>
/// Loads Kubernetes manifests into typed objects. A document that cannot be used becomes an error
/// naming its file, line and field, and every other document is still loaded; kinds without a model
/// are skipped with one warning per kind, and a field a model does not know is ignored with a warning. Input beyond <see cref="LoaderLimits"/> is refused with an error naming the limit.
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

    // A document is read without a tree only by the generated readers, which read exactly what the tree path checks; the
    // serializer, with options they do not honour, may read what the tree refuses ("Metadata:" case-insensitively as metadata).
    private readonly bool generatedReadersHonourOptions = ModelReading.ReadsAsGenerated(jsonOptions ?? ManifestJsonOptions.Default);

    /// <summary>
    /// Whether a document whose kind needs no parsed tree may be loaded straight from its JSON (<see cref="TreeFreeReading"/>),
    /// which it is when the generated readers honour the options (<see cref="ModelReading.ReadsAsGenerated"/>); off, every
    /// document is parsed, as the tests comparing the two ways do.
    /// </summary>
    internal bool ReadsWithoutTree { get; init; } = true;

    /// <summary>
    /// Whether a field that a kind's CRD schema does not declare is ignored with a warning instead of refusing the object.
    /// On for objects an API server already accepted under its own CRD, which may be newer than the schema RulesMesh was
    /// built with, or the experimental channel's (an HTTPRoute rule's <c>sessionPersistence</c>). Off by default: a file
    /// with such a field is refused, as kubectl's strict field validation refuses it.
    /// </summary>
    public bool IgnoreUnknownFields { get; init; }

    /// <summary>
    /// The namespace given to namespaced objects whose manifest names none, as <c>kubectl apply -n</c> gives it; set
    /// before duplicates are looked for, so they are compared in it. Null (the default): left unset, which the store
    /// reads as <c>default</c>.
    /// </summary>
    public string? DefaultNamespace { get; init; }

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
        var readWithoutTree = 0;
        foreach (var source in sources)
        {
            SourceContent content;
            var fileLimitBinds = limits.MaxFileBytes <= bytesLeft;
            try
            {
                content = source.ReadContent(Math.Min(limits.MaxFileBytes, bytesLeft));
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
                var reason = exception is FileNotFoundException or DirectoryNotFoundException ? "the path does not exist." : exception.Message;
                diagnostics.Add(LoadDiagnostic.Error($"Cannot read: {reason}", source.Name, new SourcePosition(1, 1)));
                continue;
            }

            bytesLeft -= content.Utf8.Length;
            var loaded = LoadSource(content, source.Name, documentCount);
            documentCount += loaded.DocumentCount;
            foreach (var piece in loaded.Pieces)
            {
                diagnostics.AddRange(piece.ReadErrors);
            }

            foreach (var piece in loaded.Pieces)
            {
                diagnostics.AddRange(piece.ReadWarnings);
            }

            if (loaded.DocumentCount == 0 && !loaded.Pieces.Any(static piece => piece.ReadErrors.Count > 0))
            {
                diagnostics.Add(LoadDiagnostic.Warning("The file holds no YAML document: nothing was loaded from it.", source.Name, new SourcePosition(1, 1)));
            }

            resources.EnsureCapacity(resources.Count + loaded.DocumentCount);
            foreach (var piece in loaded.Pieces)
            {
                if (piece.Single.Document is not null)
                {
                    readWithoutTree += piece.ReadWithoutTree ? 1 : 0;
                    Collect(piece.Single, resources, diagnostics, skippedKinds);
                    continue;
                }

                foreach (var outcome in piece.Documents)
                {
                    Collect(outcome, resources, diagnostics, skippedKinds);
                }
            }

            if (loaded.ReachedDocumentLimit)
            {
                break;
            }
        }

        diagnostics.AddRange(skippedKinds.Select(skipped => UnknownKindWarning(skipped.Key.ApiVersion, skipped.Key.Kind, skipped.Value)));
        UnsetNamespaces.Settle(resources, DefaultNamespace);

        return new LoadResult(DuplicateResources.KeepLast(resources, diagnostics), diagnostics) { DocumentsReadWithoutTree = readWithoutTree };
    }

    private static void Collect(DocumentLoad outcome, List<LoadedResource> resources, List<LoadDiagnostic> diagnostics, Dictionary<(string ApiVersion, string Kind), SkippedKind> skippedKinds)
    {
        diagnostics.AddRange(outcome.Diagnostics);
        foreach (var item in outcome.Items ?? [])
        {
            Collect(item, resources, diagnostics, skippedKinds);
        }

        if (outcome.Resource is { } resource)
        {
            resources.Add(resource);
        }
        else if (outcome.UnknownKind is { } unknown)
        {
            if (skippedKinds.TryGetValue(unknown, out var skipped))
            {
                skipped.Count++;
            }
            else
            {
                skippedKinds[unknown] = new SkippedKind(outcome.Document);
            }
        }
    }

    /// <summary>
    /// Loads one text. Its documents are read and loaded in parallel, most of them straight from YAML events to typed
    /// objects (<see cref="BlockYamlReader"/>, else <see cref="PlainDocumentReader"/>), and put back in order; a text that might reach
    /// <see cref="LoaderLimits.MaxDocuments"/> is loaded in order instead, so that the limit stops at the same document.
    /// </summary>
    private SourceLoad LoadSource(SourceContent content, string sourceName, int documentsBefore)
    {
        var chunks = YamlDocumentSplitter.Split(content.Utf8);
        if (chunks.Count > limits.MaxDocuments - documentsBefore)
        {
            return LoadInOrder(content.Utf8, sourceName, documentsBefore);
        }

        var pieces = new PieceLoad[chunks.Count];

        // One thread per core: left to itself the thread pool sees long-running work and keeps adding threads (16 on two
        // cores in a profile of the generated mesh), which only compete for the same cores and each hold their own buffers.
        // Parallel.For still replaces its workers every so often (some 30 times on the mesh); a finished worker's buffers,
        // and so its pool of strings, go to the next one.
        var idle = new Stack<ReadingBuffers>();
        try
        {
            Parallel.For(
                0,
                chunks.Count,
                new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount },
                () =>
                {
                    lock (idle)
                    {
                        return idle.TryPop(out var buffers) ? buffers : new ReadingBuffers(limits.MaxDepth, content.Utf8.Length);
                    }
                },
                (index, _, buffers) =>
                {
                    pieces[index] = LoadPiece(chunks[index], sourceName, buffers);
                    return buffers;
                },
                buffers =>
                {
                    lock (idle)
                    {
                        idle.Push(buffers);
                    }
                });
        }
        finally
        {
            foreach (var buffers in idle)
            {
                buffers.Dispose();
            }
        }

        var documentCount = 0;
        var reachedLimit = false;
        foreach (var piece in pieces)
        {
            documentCount += piece.DocumentCount;
            reachedLimit |= piece.ReachedDocumentLimit;
        }

        if (documentsBefore + documentCount > limits.MaxDocuments || reachedLimit)
        {
            // A piece held several documents: the limit falls somewhere in this text.
            return LoadInOrder(content.Utf8, sourceName, documentsBefore);
        }

        return new SourceLoad(documentCount, pieces, ReachedDocumentLimit: false);
    }

    private SourceLoad LoadInOrder(ReadOnlyMemory<byte> utf8, string sourceName, int documentsBefore)
    {
        var read = ManifestReader.Read(utf8, sourceName, limits, documentsBefore);
        var strings = new StringPool(utf8.Length);
        var documents = read.Documents.Select(document => LoadDocument(document, JsonSerializer.SerializeToElement(document.Json, jsonOptions), strings)).ToList();
        return new SourceLoad(read.Documents.Count, [PieceLoad.Read(read.Documents.Count, read.Errors, read.Warnings, documents, read.ReachedDocumentLimit)], read.ReachedDocumentLimit);
    }

    private PieceLoad LoadPiece(YamlDocumentSplitter.Chunk chunk, string sourceName, ReadingBuffers buffers)
    {
        var json = buffers.Json;
        json.ResetWrittenCount();
        buffers.Writer.Reset(json);
        // A JSON object that is not valid JSON is reported by the full reader, not read by the YAML readers.
        var rootLine = 0;
        var outcome = chunk.SyntaxError is null
            ? BlockYamlReader.Read(chunk, limits.MaxDepth, buffers.Writer, out rootLine, buffers.Keys)
            : PlainDocumentReader.Outcome.NeedsFullReader;
        if (outcome == PlainDocumentReader.Outcome.NeedsFullReader && chunk.SyntaxError is null)
        {
            json.ResetWrittenCount();
            outcome = PlainDocumentReader.Read(chunk.Text, limits.MaxDepth, json, out rootLine);
        }

        switch (outcome)
        {
            case PlainDocumentReader.Outcome.Empty:
                return PieceLoad.Read(0, [], [], [], reachedLimit: false);
            case PlainDocumentReader.Outcome.Document:
                var document = new ManifestDocument(sourceName, rootLine + chunk.LineOffset, new DocumentText(chunk.Utf8, chunk.LineOffset, limits));
                if (ReadsWithoutTree && generatedReadersHonourOptions
                    && TreeFreeReading.TryRead(json.WrittenSpan, limits.MaxDepth + 2, registry, jsonOptions, buffers.Strings, out var model) is { } typed)
                {
                    return new PieceLoad(1, new DocumentLoad(document, new LoadedResource(typed, model!, document), [], null), [], [], [], ReachedDocumentLimit: false, ReadWithoutTree: true);
                }

                // The parsed document reads the buffer in place: it is done with before the buffer is reused.
                using (var parsed = JsonDocument.Parse(json.WrittenMemory, new JsonDocumentOptions { MaxDepth = limits.MaxDepth + 2 }))
                {
                    return new PieceLoad(1, LoadDocument(document, parsed.RootElement, buffers.Strings), [], [], [], ReachedDocumentLimit: false);
                }

            default:
                var documents = new List<ManifestDocument>();
                var errors = new List<LoadDiagnostic>();
                var warnings = new List<LoadDiagnostic>();
                var reachedLimit = ManifestReader.ReadChunk(chunk, sourceName, limits, documentsBefore: 0, documents, errors, warnings);
                var loaded = documents.Select(each => LoadDocument(each, JsonSerializer.SerializeToElement(each.Json, jsonOptions), buffers.Strings)).ToList();
                return PieceLoad.Read(documents.Count, errors, warnings, loaded, reachedLimit);
        }
    }

    /// <summary>
    /// Reads one document into its typed model, or says why it cannot be used. Safe to call from several threads, each
    /// with its own <paramref name="strings"/>.
    /// </summary>
    private DocumentLoad LoadDocument(ManifestDocument document, JsonElement manifest, StringPool strings)
    {
        if (manifest.ValueKind != JsonValueKind.Object)
        {
            return DocumentLoad.Refused(document, [ErrorAt(document, FieldPath.Root, $"Expected a Kubernetes object (a mapping with apiVersion and kind), found {DeserializationMessages.Describe(manifest.ValueKind)}.")]);
        }

        var apiVersion = RequiredString(document, manifest, "apiVersion", strings, out var apiVersionProblem);
        var kind = RequiredString(document, manifest, "kind", strings, out var kindProblem);
        if (apiVersion is null || kind is null)
        {
            return DocumentLoad.Refused(document, [.. new[] { apiVersionProblem, kindProblem }.OfType<LoadDiagnostic>()]);
        }

        if (apiVersion == "v1" && kind == "List")
        {
            return ListItems(document, strings);
        }

        if (!registry.TryGet(apiVersion, kind, out var model))
        {
            // As kubectl decodes it (meta.IsListType, unstructured IsList): a kind ending in List with a list of items is a
            // list of objects, whatever its apiVersion (ServiceList, a CRD's <Kind>List from kubectl get -o yaml).
            return IsTypedList(kind, manifest)
                ? ListItems(document, strings, (apiVersion, kind[..^"List".Length]))
                : new DocumentLoad(document, null, [], (apiVersion, kind));
        }

        var metadataViolations = ObjectMetadataValidator.Validate(model, manifest);
        var structuralViolations = StructuralViolations(model, manifest);
        IReadOnlyList<LoadDiagnostic> ignoredFields = [];
        if (IgnoreUnknownFields && structuralViolations.Any(static v => v.IsUnknownField))
        {
            ignoredFields = [.. structuralViolations.Where(static v => v.IsUnknownField).Select(v => IgnoredField(document, kind, manifest, v.FieldPath))];
            structuralViolations = [.. structuralViolations.Where(static v => !v.IsUnknownField)];
        }

        IReadOnlyList<LoadDiagnostic> statusWarnings = [];
        if (metadataViolations.Count == 0 && structuralViolations.Count > 0 && structuralViolations.All(static v => IsStatus(v.FieldPath)))
        {
            // The API server ignores the status a create sends, so an object whose status alone is wrong is one a cluster
            // would hold: it is read without its status.
            statusWarnings = StatusWarnings(document, kind, manifest, structuralViolations);
            manifest = WithoutStatus(manifest);
            structuralViolations = [];
        }

        if (metadataViolations.Count > 0 || structuralViolations.Count > 0)
        {
            return SchemaRefusal(document, kind, manifest, [.. metadataViolations, .. structuralViolations]);
        }

        return Read(document, kind, model, manifest, strings, [.. ignoredFields, .. statusWarnings]);
    }

    private static LoadDiagnostic IgnoredField(ManifestDocument document, string kind, JsonElement manifest, string path)
        => new(
            DiagnosticSeverity.Warning,
            $"{kind} {ObjectMetadataValidator.DisplayName(manifest)} has a field {path} that the schema RulesMesh was built with does not declare; it is ignored.",
            document.SourceName,
            document.SourceMap.Locate(path),
            path);

    /// <summary>
    /// The typed read of a document its checks passed, with <paramref name="warnings"/> (its status dropped) kept with
    /// the resource; an error at the field when the model's reader refuses a value.
    /// </summary>
    private DocumentLoad Read(ManifestDocument document, string kind, ModelDescriptor model, JsonElement manifest, StringPool strings, IReadOnlyList<LoadDiagnostic> warnings)
    {
        try
        {
            strings.ForgetSkipped();
            if (model.Deserialize(manifest, jsonOptions, strings) is { } typed)
            {
                if (strings.SkippedUnknown && UnknownFieldWarnings(document, kind, model, manifest, strings) is { Count: > 0 } unknown)
                {
                    warnings = [.. warnings, .. unknown];
                }

                return new DocumentLoad(document, new LoadedResource(typed, model, document), warnings, null);
            }
        }
        catch (JsonException exception) when (exception.Path is not null && IsStatus(FieldPath.FromJsonPath(exception.Path)) && warnings.Count == 0)
        {
            // A core kind's status holding a value of the wrong type: read without it, as a schema's status is.
            var warning = StatusDropped(document, kind, manifest, FieldPath.FromJsonPath(exception.Path), DeserializationMessages.ForPeople(exception.Message));
            return Read(document, kind, model, WithoutStatus(manifest), strings, [warning]);
        }
        catch (JsonException exception)
        {
            var path = exception.Path is null ? FieldPath.Root : FieldPath.FromJsonPath(exception.Path);
            return DocumentLoad.Refused(document, [ErrorAt(document, path, $"Not a valid {kind}: {DeserializationMessages.ForPeople(exception.Message, FieldPath.ValueAt(manifest, path), IntegerFieldBounds.Of(model, path))}")]);
        }
        catch (NotSupportedException exception) when (DeserializationMessages.Unsupported(exception.Message) is { } unsupported)
        {
            // A converter that cannot read this kind of value (a list where KubernetesClient's IntOrString wants a scalar).
            return DocumentLoad.Refused(document, [ErrorAt(document, FieldPath.FromJsonPath(unsupported.JsonPath), $"Not a valid {kind}: {unsupported.Message}")]);
        }
        catch (FormatException exception) when (DeserializationMessages.UnreadableDateTime(exception.Message) is { } dateTime)
        {
            // As for a quantity, the converter does not say where; a bad date-time in the status alone drops the status.
            var path = DateTimeFieldLocator.PathOf(manifest, dateTime.Value) ?? FieldPath.Root;
            return IsStatus(path) && warnings.Count == 0
                ? Read(document, kind, model, WithoutStatus(manifest), strings, [StatusDropped(document, kind, manifest, path, $"{path} {dateTime.Message.TrimEnd('.')}")])
                : DocumentLoad.Refused(document, [ErrorAt(document, path, $"Not a valid {kind}: {dateTime.Message}")]);
        }
        catch (FormatException exception) when (DeserializationMessages.Quantity(exception.Message) is { } quantity)
        {
            // The converter does not say where the quantity is: the first string of that text in the document is.
            return DocumentLoad.Refused(document, [ErrorAt(document, StringAt(manifest, quantity.Value, FieldPath.Root) ?? FieldPath.Root, $"Not a valid {kind}: {quantity.Message}")]);
        }
        catch (Exception exception) when (exception is FormatException or OverflowException or InvalidOperationException or ArgumentException)
        {
            // A model's converter rejected a value without saying where; the document is the best location.
            return DocumentLoad.Refused(document, [ErrorAt(document, FieldPath.Root, $"Not a valid {kind}: {DeserializationMessages.ForPeople(exception.Message)}")]);
        }

        return DocumentLoad.Refused(document, []);
    }

    /// <summary>
    /// A warning for each field of <paramref name="manifest"/> its model's reader skipped as unknown (kubectl's strict
    /// field validation would refuse it; the object is still read, as a model may lag the cluster's Kubernetes): read
    /// again, only for a document that has one, to find where. A kind with a CRD schema is warned about only at its top
    /// level and in its metadata (its schema refuses the others); no kind about its status, which a cluster writes.
    /// </summary>
    private List<LoadDiagnostic> UnknownFieldWarnings(ManifestDocument document, string kind, ModelDescriptor model, JsonElement manifest, StringPool strings)
    {
        var offsets = new List<long>();
        strings.ForgetSkipped(offsets);
        try
        {
            model.Deserialize(manifest, jsonOptions, strings);
        }
        finally
        {
            strings.ForgetSkipped();
        }

        var name = ObjectMetadataValidator.DisplayName(manifest);
        return
        [
            .. SkippedFields.Paths(JsonMarshal.GetRawUtf8Value(manifest), offsets, limits.MaxDepth + 2)
                .Where(path => !IsStatus(path) && (model.SchemaJson is null || FieldPath.Ancestors(path) is { Count: 2 } || IsMetadata(path)))
                .Select(path => new LoadDiagnostic(
                    DiagnosticSeverity.Warning,
                    $"{kind} {name} has a field {path} that Kubernetes does not know; it is ignored.",
                    document.SourceName,
                    document.SourceMap.Locate(path),
                    path)),
        ];
    }

    private static bool IsMetadata(string fieldPath)
        => fieldPath.StartsWith("metadata.", StringComparison.Ordinal) || fieldPath.StartsWith("metadata[", StringComparison.Ordinal);

    // Apart from LoadDocument, as SchemaRefusal is.
    private static List<LoadDiagnostic> StatusWarnings(ManifestDocument document, string kind, JsonElement manifest, IReadOnlyList<SchemaViolation> violations)
        => [.. violations.Select(v => StatusDropped(document, kind, manifest, v.FieldPath, $"{v.FieldPath} {v.Message}"))];

    private static bool IsTypedList(string kind, JsonElement manifest)
        => kind.EndsWith("List", StringComparison.Ordinal)
           && manifest.TryGetProperty("items", out var items)
           && items.ValueKind == JsonValueKind.Array;

    /// <summary>
    /// A <c>v1</c> <c>List</c> (what <c>kubectl get -o yaml</c> writes for several objects) or a typed list such as
    /// <c>ServiceList</c>: each of its <c>items</c> is loaded as a document of its own, located in the list's text. An item
    /// of a typed list that names neither apiVersion nor kind (as the API's own list responses leave them out) is of the
    /// list's <paramref name="itemType"/>, as kubectl's unstructured list decoding reads it.
    /// </summary>
    private DocumentLoad ListItems(ManifestDocument document, StringPool strings, (string ApiVersion, string Kind)? itemType = null)
    {
        if (document.Json["items"] is not JsonArray items)
        {
            return DocumentLoad.Refused(document, [ErrorAt(document, "items", "A List needs items: a list of Kubernetes objects.")]);
        }

        var loads = new List<DocumentLoad>(items.Count);
        var maps = document.SourceMap.Items("items", items.Count);
        for (var i = 0; i < items.Count; i++)
        {
            var path = string.Create(CultureInfo.InvariantCulture, $"items[{i}]");
            if (items[i] is not JsonObject item)
            {
                loads.Add(DocumentLoad.Refused(document, [ErrorAt(document, path, $"Expected a Kubernetes object (a mapping with apiVersion and kind) in the List, found {DeserializationMessages.Describe(items[i]?.GetValueKind() ?? JsonValueKind.Null)}.")]));
                continue;
            }

            var map = maps[i];
            if (itemType is var (apiVersion, kind) && item["apiVersion"] is null && item["kind"] is null)
            {
                item = (JsonObject)item.DeepClone();
                item["apiVersion"] = apiVersion;
                item["kind"] = kind;
            }

            var itemDocument = new ManifestDocument(document.SourceName, map.Root.Line, item.DeepClone(), map);
            loads.Add(LoadDocument(itemDocument, JsonSerializer.SerializeToElement(item, jsonOptions), strings));
        }

        return new DocumentLoad(document, null, [], null) { Items = loads };
    }

    /// <summary>The path of the first string <paramref name="value"/> below <paramref name="element"/> (at <paramref name="path"/>), or null.</summary>
    private static string? StringAt(JsonElement element, string value, string path)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.String:
                return element.ValueEquals(value) ? path : null;
            case JsonValueKind.Object:
                foreach (var property in element.EnumerateObject())
                {
                    if (StringAt(property.Value, value, FieldPath.Property(path, property.Name)) is { } found)
                    {
                        return found;
                    }
                }

                return null;
            case JsonValueKind.Array:
                var index = 0;
                foreach (var item in element.EnumerateArray())
                {
                    if (StringAt(item, value, FieldPath.Index(path, index++)) is { } found)
                    {
                        return found;
                    }
                }

                return null;
            default:
                return null;
        }
    }

    private static bool IsStatus(string fieldPath)
        => fieldPath == "status" || fieldPath.StartsWith("status.", StringComparison.Ordinal) || fieldPath.StartsWith("status[", StringComparison.Ordinal);

    private static LoadDiagnostic StatusDropped(ManifestDocument document, string kind, JsonElement manifest, string fieldPath, string problem)
        => new(
            DiagnosticSeverity.Warning,
            $"{kind} {ObjectMetadataValidator.DisplayName(manifest)}: its status is not valid ({problem}); the object is read without its status, as the API server ignores the status sent with a new object.",
            document.SourceName,
            document.SourceMap.Locate(fieldPath),
            fieldPath);

    /// <summary><paramref name="manifest"/> without its top-level <c>status</c>, as deep as the limits let a document be.</summary>
    private JsonElement WithoutStatus(JsonElement manifest)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { MaxDepth = limits.MaxDepth + 2 }))
        {
            writer.WriteStartObject();
            foreach (var property in manifest.EnumerateObject())
            {
                if (property.Name != "status")
                {
                    property.WriteTo(writer);
                }
            }

            writer.WriteEndObject();
        }

        using var stripped = JsonDocument.Parse(buffer.WrittenMemory, new JsonDocumentOptions { MaxDepth = limits.MaxDepth + 2 });
        return stripped.RootElement.Clone();
    }

    // Apart from LoadDocument: its lambda would make every call allocate the closure, refused or not.
    private static DocumentLoad SchemaRefusal(ManifestDocument document, string kind, JsonElement manifest, IReadOnlyList<SchemaViolation> violations)
    {
        var name = ObjectMetadataValidator.DisplayName(manifest);
        return DocumentLoad.Refused(
            document,
            [.. violations.Select(violation => ErrorAt(document, violation.FieldPath, $"{kind} {name} breaks its schema: {(violation.FieldPath.Length == 0 ? "the object" : violation.FieldPath)} {violation.Message}."))]);
    }

    // A CRD's schema says what may be null; a core kind has none, so only its null list items are refused.
    private IReadOnlyList<SchemaViolation> StructuralViolations(ModelDescriptor model, JsonElement manifest)
        => model.SchemaJson is null ? NullListItems.In(manifest) : validator?.Validate(model, manifest, IgnoreUnknownFields) ?? [];

    private static string? RequiredString(ManifestDocument document, JsonElement manifest, string field, StringPool strings, out LoadDiagnostic? problem)
    {
        var present = manifest.TryGetProperty(field, out var value);
        if (present && value.ValueKind == JsonValueKind.String && SharedText(value, strings) is { Length: > 0 } text)
        {
            problem = null;
            return text;
        }

        var what = value.ValueKind switch
        {
            _ when !present => $"The document has no {field}",
            JsonValueKind.Null => $"The document's {field} is null",
            JsonValueKind.String => $"The document's {field} is empty",
            var other => $"The document's {field} is {DeserializationMessages.Describe(other)}, not a string",
        };
        problem = ErrorAt(document, field, $"{what}; every Kubernetes object needs a non-empty string {field}.");
        return null;
    }

    // apiVersion and kind repeat from document to document: the pool's instance, read in place unless escaped.
    private static string SharedText(JsonElement value, StringPool strings)
    {
        var raw = JsonMarshal.GetRawUtf8Value(value)[1..^1];
        return raw.Contains((byte)'\\') ? value.GetString()! : strings.Get(raw);
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
        // Kinds are case-sensitive: Serviceentry is a typo of ServiceEntry, not a kind of its own.
        var sameButCase = otherVersions.Count == 0
            ? registry.Models.Where(model => string.Equals(model.Kind, kind, StringComparison.OrdinalIgnoreCase)).Select(static model => model.Kind).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList()
            : [];
        var hint = otherVersions.Count > 0 ? $" Known apiVersions for {kind}: {string.Join(", ", otherVersions)}."
            : sameButCase.Count > 0 ? $" Kinds are case-sensitive: did you mean {string.Join(" or ", sameButCase)}?"
            : string.Empty;
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

    /// <summary>What became of one document: its resource, or the errors that stopped it, or its kind when no model reads it.</summary>
    private readonly record struct DocumentLoad(ManifestDocument Document, LoadedResource? Resource, IReadOnlyList<LoadDiagnostic> Diagnostics, (string ApiVersion, string Kind)? UnknownKind)
    {
        /// <summary>For a List: what became of each of its items.</summary>
        public IReadOnlyList<DocumentLoad>? Items { get; init; }

        public static DocumentLoad Refused(ManifestDocument document, IReadOnlyList<LoadDiagnostic> diagnostics) => new(document, null, diagnostics, null);
    }

    /// <summary>
    /// What one piece of a text (<see cref="YamlDocumentSplitter"/>) held, read and loaded. Nearly every piece is one
    /// document a fast reader read without a word: that one is kept inline (<see cref="Single"/>), so a large load does
    /// not hold lists for each of its documents until they are put back in order. <see cref="ReadWithoutTree"/> says
    /// that one was loaded with no parsed tree (<see cref="TreeFreeReading"/>).
    /// </summary>
    private readonly record struct PieceLoad(
        int DocumentCount,
        DocumentLoad Single,
        IReadOnlyList<LoadDiagnostic> ReadErrors,
        IReadOnlyList<LoadDiagnostic> ReadWarnings,
        IReadOnlyList<DocumentLoad> Documents,
        bool ReachedDocumentLimit,
        bool ReadWithoutTree = false)
    {
        /// <summary>A piece read by the full reader: any number of documents, with the errors and warnings of reading them.</summary>
        public static PieceLoad Read(int documentCount, IReadOnlyList<LoadDiagnostic> errors, IReadOnlyList<LoadDiagnostic> warnings, IReadOnlyList<DocumentLoad> documents, bool reachedLimit)
            => new(documentCount, default, errors, warnings, documents, reachedLimit);
    }

    /// <summary>What one text held: its pieces in order (read errors, then read warnings, then each document's outcome, are reported in that order).</summary>
    private sealed record SourceLoad(int DocumentCount, IReadOnlyList<PieceLoad> Pieces, bool ReachedDocumentLimit);

    /// <summary>
    /// What one loading thread reuses from piece to piece: the buffer a piece's JSON is written to, the writer writing it,
    /// the reader's key list, and the pool of the strings its models share.
    /// </summary>
    private sealed class ReadingBuffers(int maxDepth, int textBytes) : IDisposable
    {
        public ArrayBufferWriter<byte> Json { get; } = new(1 << 14);

        public Utf8JsonWriter Writer { get; } = new(Stream.Null, new JsonWriterOptions { MaxDepth = maxDepth + 2 });

        public List<(int Start, int Length)> Keys { get; } = [];

        public StringPool Strings { get; } = new(textBytes);

        public void Dispose() => Writer.Dispose();
    }

    /// <summary>Documents of one unknown kind: counted so that the kind gets a single warning.</summary>
    private sealed class SkippedKind(ManifestDocument first)
    {
        public ManifestDocument First { get; } = first;

        public int Count { get; set; } = 1;
    }
}
