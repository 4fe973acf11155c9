using System.Globalization;

namespace RulesMesh.Loading;

/// <summary>The messages for input beyond a <see cref="LoaderLimits"/> limit: each names the limit and the command-line option that raises it.</summary>
internal static class LimitMessages
{
    public static string Depth(int maxDepth)
        => Format($"The document nests mappings and lists deeper than {maxDepth} levels, the maximum depth (raise it with --max-depth, at most {LoaderLimits.MaximumDepth}).");

    public static string AliasNodes(int maxNodes)
        => Format($"The document's aliases expand to more than {maxNodes} nodes, the maximum alias expansion (raise it with --max-alias-nodes).");

    public static string FileBytes(long maxBytes)
        => Format($"The file is larger than {maxBytes} bytes, the maximum file size (raise it with --max-file-bytes); it was not loaded.");

    public static string TotalBytes(long maxBytes)
        => Format($"The input is larger than {maxBytes} bytes in all, the maximum total size (raise it with --max-total-bytes); this file and the ones after it were not loaded.");

    public static string Documents(int maxDocuments)
        => Format($"The input holds more than {maxDocuments} documents, the maximum document count (raise it with --max-documents); this document and the ones after it were not loaded.");

    private static string Format(FormattableString message) => message.ToString(CultureInfo.InvariantCulture);
}
