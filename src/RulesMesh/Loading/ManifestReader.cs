using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace RulesMesh.Loading;

/// <summary>
/// Reads multi-document YAML, or JSON (which YAML reads as well), into JSON documents with a
/// source map. Empty documents are skipped; a broken document is reported and the others are kept.
/// </summary>
public static class ManifestReader
{
    /// <summary>Reads every document of <paramref name="text"/>.</summary>
    /// <param name="text">The YAML or JSON text.</param>
    /// <param name="sourceName">The name used in positions and diagnostics, usually the file path.</param>
    public static ManifestReadResult Read(string text, string sourceName)
    {
        var documents = new List<ManifestDocument>();
        var errors = new List<LoadDiagnostic>();
        foreach (var chunk in YamlDocumentSplitter.Split(text))
        {
            var stream = new YamlStream();
            try
            {
                stream.Load(new StringReader(chunk.Text));
            }
            catch (YamlException exception)
            {
                errors.Add(ReadError(exception.Message, exception.Start, chunk.LineOffset, sourceName));
                continue;
            }
            catch (InvalidOperationException)
            {
                // YamlDotNet's scanner throws this, without a position or a useful message, for a flow collection left open across lines.
                errors.Add(ReadError("malformed YAML in the document that starts here, perhaps a '[' or '{' that is never closed.", Mark.Empty, chunk.LineOffset, sourceName));
                continue;
            }

            foreach (var document in stream.Documents)
            {
                ReadDocument(document.RootNode, chunk.LineOffset, sourceName, documents, errors);
            }
        }

        return new ManifestReadResult(documents, errors);
    }

    private static void ReadDocument(YamlNode root, int lineOffset, string sourceName, List<ManifestDocument> documents, List<LoadDiagnostic> errors)
    {
        var converter = new YamlToJsonConverter(lineOffset);
        try
        {
            // A document holding nothing (or only null) describes no object; kubectl skips it too.
            if (converter.Convert(root) is { } json)
            {
                var sourceMap = converter.SourceMap;
                documents.Add(new ManifestDocument(sourceName, sourceMap.Root.Line, json, sourceMap));
            }
        }
        catch (YamlException exception)
        {
            errors.Add(ReadError(exception.Message, exception.Start, lineOffset, sourceName));
        }
    }

    private static LoadDiagnostic ReadError(string message, Mark start, int lineOffset, string sourceName)
        => LoadDiagnostic.Error(
            $"Cannot read this YAML document: {message}",
            sourceName,
            new SourcePosition((int)start.Line + lineOffset, (int)start.Column));
}
