namespace RulesMesh.Server.Sources.Files;

/// <summary>
/// What the periodic rescan compares to tell that a file may have changed without reading it: the real file it names
/// (a link swapped to another file), its size and its last write time.
/// </summary>
/// <param name="RealPath">The file with every link resolved.</param>
/// <param name="Length">Its size in bytes.</param>
/// <param name="LastWriteUtc">Its last write time.</param>
internal sealed record FileStamp(string RealPath, long Length, DateTime LastWriteUtc)
{
    /// <summary>The stamp of the file at <paramref name="path"/> now, or null when there is no file there.</summary>
    public static FileStamp? Of(string path)
    {
        var real = RulesMesh.Loading.RealPath.Of(path);
        try
        {
            var file = new FileInfo(real);
            return file.Exists ? new FileStamp(real, file.Length, file.LastWriteTimeUtc) : null;
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }
}
