using System.Text;
using System.Text.Json.Nodes;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace RulesMesh.Loading;

/// <summary>
/// Reads multi-document YAML, or JSON (which YAML reads as well), into JSON documents with a
/// source map. Empty documents are skipped; a broken document is reported and the others are kept.
/// Depth and alias expansion are bounded by <see cref="LoaderLimits"/>.
/// </summary>
public static class ManifestReader
{
    /// <summary>Reads every document of <paramref name="text"/> within the default limits.</summary>
    /// <param name="text">The YAML or JSON text.</param>
    /// <param name="sourceName">The name used in positions and diagnostics, usually the file path.</param>
    public static ManifestReadResult Read(string text, string sourceName) => Read(text, sourceName, LoaderLimits.Default);

    /// <summary>Reads the documents of <paramref name="text"/> within <paramref name="limits"/>.</summary>
    /// <param name="text">The YAML or JSON text.</param>
    /// <param name="sourceName">The name used in positions and diagnostics, usually the file path.</param>
    /// <param name="limits">The limits; <see cref="LoaderLimits.MaxDocuments"/> counts from <paramref name="documentsBefore"/>.</param>
    /// <param name="documentsBefore">Documents already read from earlier sources of the same load.</param>
    public static ManifestReadResult Read(string text, string sourceName, LoaderLimits limits, int documentsBefore = 0)
        => Read(Encoding.UTF8.GetBytes(text), sourceName, limits, documentsBefore);

    /// <summary>Reads the documents of a text's UTF-8 bytes, <paramref name="utf8"/>, as <see cref="Read(string, string, LoaderLimits, int)"/> does.</summary>
    internal static ManifestReadResult Read(ReadOnlyMemory<byte> utf8, string sourceName, LoaderLimits limits, int documentsBefore)
    {
        var documents = new List<ManifestDocument>();
        var errors = new List<LoadDiagnostic>();
        var warnings = new List<LoadDiagnostic>();
        foreach (var chunk in YamlDocumentSplitter.Split(utf8))
        {
            if (ReadChunk(chunk, sourceName, limits, documentsBefore, documents, errors, warnings))
            {
                return new ManifestReadResult(documents, errors, warnings) { ReachedDocumentLimit = true };
            }
        }

        return new ManifestReadResult(documents, errors, warnings);
    }

    /// <summary>
    /// Reads the documents of one piece of a stream into the lists given; true when it stopped at
    /// <see cref="LoaderLimits.MaxDocuments"/>, counted from <paramref name="documentsBefore"/> plus the documents already listed.
    /// </summary>
    internal static bool ReadChunk(
        YamlDocumentSplitter.Chunk chunk,
        string sourceName,
        LoaderLimits limits,
        int documentsBefore,
        List<ManifestDocument> documents,
        List<LoadDiagnostic> errors,
        List<LoadDiagnostic> warnings)
    {
        if (chunk.SyntaxError is { } syntaxError)
        {
            errors.Add(syntaxError.ToDiagnostic(sourceName));
            return false;
        }

        var stream = new YamlStream();
        var locator = new YamlErrorLocator(new Parser(new StringReader(chunk.Text)));
        var parser = new LimitingParser(locator, limits.MaxDepth);
        try
        {
            stream.Load(parser);
        }
        catch (YamlException exception) when (exception is not LoaderLimitExceededException && JsonErrorOf(chunk, sourceName) is { } jsonError)
        {
            errors.Add(jsonError.ToDiagnostic(sourceName));
            return false;
        }
        catch (YamlException exception)
        {
            errors.Add(locator.Describe(exception, chunk.Text) is var (start, message)
                ? ReadError(message, start, chunk, sourceName)
                : ReadError(exception, exception.Start, chunk, sourceName));
            return false;
        }
        catch (ArgumentException)
        {
            // YamlDotNet's YamlStream throws this, with no position, for an event it cannot place (` : x`, an empty key at an indent; found by the fuzzer).
            errors.Add(ReadError("malformed YAML in the document that starts here: a mapping key or value where none can start.", Mark.Empty, chunk, sourceName));
            return false;
        }
        catch (InvalidOperationException) when (JsonErrorOf(chunk, sourceName) is { } jsonError)
        {
            errors.Add(jsonError.ToDiagnostic(sourceName));
            return false;
        }
        catch (InvalidOperationException exception)
        {
            // YamlDotNet's scanner throws this, without a position or a useful message, for a flow collection left open across lines.
            errors.Add(locator.Describe(exception, chunk.Text) is var (start, message)
                ? ReadError(message, start, chunk, sourceName)
                : ReadError("malformed YAML in the document that starts here, perhaps a '[' or '{' that is never closed.", Mark.Empty, chunk, sourceName));
            return false;
        }

        foreach (var document in stream.Documents)
        {
            if (documentsBefore + documents.Count >= limits.MaxDocuments && !IsEmpty(document.RootNode))
            {
                errors.Add(LoadDiagnostic.Error(LimitMessages.Documents(limits.MaxDocuments), sourceName, PositionOf(document.RootNode.Start, chunk.LineOffset)));
                return true;
            }

            ReadDocument(document.RootNode, chunk.LineOffset, sourceName, limits, parser.SawAlias, documents, errors, warnings);
        }

        return false;
    }

    /// <summary>
    /// The JSON tree and source map of a piece that <see cref="PlainDocumentReader"/> read as one plain document,
    /// built by the full reader when someone asks for them.
    /// </summary>
    internal static (JsonNode Json, SourceMap SourceMap) ReadAgain(YamlDocumentSplitter.Chunk chunk, string sourceName, LoaderLimits limits)
    {
        var documents = new List<ManifestDocument>(1);
        ReadChunk(chunk, sourceName, limits, documentsBefore: 0, documents, errors: [], warnings: []);
        var document = documents.Count == 1 ? documents[0] : throw new InvalidOperationException($"{sourceName}:{chunk.LineOffset + 1}: the piece read as one plain document does not read so again.");
        return (document.Json, document.SourceMap);
    }

    private static bool IsEmpty(YamlNode root) => root is YamlScalarNode { Value: null or "" or "~" or "null" or "Null" or "NULL", Style: ScalarStyle.Plain };

    private static void ReadDocument(
        YamlNode root,
        int lineOffset,
        string sourceName,
        LoaderLimits limits,
        bool hasAliases,
        List<ManifestDocument> documents,
        List<LoadDiagnostic> errors,
        List<LoadDiagnostic> warnings)
    {
        var converter = new YamlToJsonConverter(lineOffset, limits, hasAliases);
        try
        {
            // A document holding nothing (or only null) describes no object; kubectl skips it too.
            if (converter.Convert(root) is { } json)
            {
                var sourceMap = converter.SourceMap;
                documents.Add(new ManifestDocument(sourceName, sourceMap.Root.Line, json, sourceMap));
                warnings.AddRange(converter.Warnings.Select(warning => LoadDiagnostic.Warning(warning.Message, sourceName, warning.Position)));
            }
        }
        catch (YamlException exception)
        {
            errors.Add(ReadError(exception, exception.Start, lineOffset, sourceName));
        }
    }

    private static LoadDiagnostic ReadError(YamlException exception, Mark start, int lineOffset, string sourceName)
        => exception is LoaderLimitExceededException
            ? LoadDiagnostic.Error(exception.Message, sourceName, PositionOf(start, lineOffset))
            : LoadDiagnostic.Error($"Cannot read this YAML document: {exception.Message}", sourceName, PositionOf(start, lineOffset));

    private static LoadDiagnostic ReadError(YamlException exception, Mark start, YamlDocumentSplitter.Chunk chunk, string sourceName)
        => exception is LoaderLimitExceededException
            ? LoadDiagnostic.Error(exception.Message, sourceName, PositionOf(start, chunk.LineOffset))
            : ReadError(exception.Message, start, chunk, sourceName);

    // YamlDotNet puts an error at the end of a text without a final newline on the line after it, and some of its
    // messages join two phrases with a double space: the position is kept inside the text, the words single-spaced.
    private static LoadDiagnostic ReadError(string message, Mark start, YamlDocumentSplitter.Chunk chunk, string sourceName)
    {
        var text = chunk.Utf8.Span;
        var lastLine = text.Count((byte)'\n') + 1;
        var position = start.Line > lastLine
            ? JsonSyntaxError.PositionAt(text, text.Length, chunk.LineOffset)
            : PositionOf(start, chunk.LineOffset);
        return LoadDiagnostic.Error($"Cannot read this YAML document: {message.Replace("  ", " ", StringComparison.Ordinal)}", sourceName, position);
    }

    /// <summary>
    /// The JSON error of a piece that YAML cannot read either and that is JSON by its look (a mapping whose first key is
    /// quoted) or by its file's name: said in JSON's words, which fit what was written.
    /// </summary>
    private static JsonSyntaxError? JsonErrorOf(YamlDocumentSplitter.Chunk chunk, string sourceName)
    {
        var text = chunk.Utf8.Span;
        var first = text.IndexOfAnyExcept(" \t\r\n"u8);
        if (first < 0 || text[first] != (byte)'{')
        {
            return null;
        }

        var key = text[(first + 1)..].IndexOfAnyExcept(" \t\r\n"u8);
        var looksLikeJson = key >= 0 && text[first + 1 + key] == (byte)'"';
        return looksLikeJson || sourceName.EndsWith(".json", StringComparison.OrdinalIgnoreCase) ? JsonStreamSplitter.FirstError(chunk) : null;
    }

    private static SourcePosition PositionOf(Mark start, int lineOffset) => new((int)start.Line + lineOffset, (int)start.Column);
}
