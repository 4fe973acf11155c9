namespace RulesMesh.Loading;

/// <summary>
/// A path with every symbolic link along it resolved, as POSIX <c>realpath</c> gives it: two names of one file
/// (a Kubernetes ConfigMap mount names each key three ways: <c>key</c> → <c>..data/key</c> → <c>..2026_…/key</c>)
/// come out equal. The file sources of <c>translate</c> and <c>serve</c> use it to read a file named twice once, and a
/// folder walk to stop at a link back to a folder it has seen.
/// </summary>
public static class RealPath
{
    // Linux gives up after 40 links (ELOOP); so do we, keeping the path reached.
    private const int MaxLinks = 40;

    /// <summary>The real path of <paramref name="path"/>; the parts that do not exist are kept as written.</summary>
    public static string Of(string path)
    {
        var full = Path.GetFullPath(path);
        var links = 0;
        var resolved = Path.GetPathRoot(full) ?? string.Empty;
        var rest = new Queue<string>(full[resolved.Length..].Split(Path.DirectorySeparatorChar, StringSplitOptions.RemoveEmptyEntries));
        while (rest.TryDequeue(out var part))
        {
            var next = Path.Combine(resolved, part);
            var target = LinkTarget(next);
            if (target is null || ++links > MaxLinks)
            {
                resolved = next;
                continue;
            }

            // A link's target is read against the folder holding the link, and may itself hold links.
            var absolute = Path.GetFullPath(target, resolved);
            resolved = Path.GetPathRoot(absolute) ?? string.Empty;
            rest = new Queue<string>([.. absolute[resolved.Length..].Split(Path.DirectorySeparatorChar, StringSplitOptions.RemoveEmptyEntries), .. rest]);
        }

        return resolved;
    }

    private static string? LinkTarget(string path)
    {
        try
        {
            return new FileInfo(path).LinkTarget;
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }
}
