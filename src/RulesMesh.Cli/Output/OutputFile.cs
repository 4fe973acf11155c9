namespace RulesMesh.Cli.Output;

/// <summary>
/// The file named by <c>--output</c>, opened before any work is done so that a directory, a missing folder or a
/// read-only place is a usage error at once rather than an exception after the whole translation.
/// </summary>
internal static class OutputFile
{
    /// <summary>Opens (creating or truncating) <paramref name="path"/> for writing; null, after telling why on <paramref name="error"/>, when it cannot be.</summary>
    public static FileStream? Open(string path, TextWriter error)
    {
        var problem = Directory.Exists(path) ? "it is a folder; name a file"
            : Path.GetDirectoryName(Path.GetFullPath(path)) is { Length: > 0 } folder && !Directory.Exists(folder) ? $"the folder {Path.GetDirectoryName(path)} does not exist"
            : null;
        if (problem is null)
        {
            try
            {
                return new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.Read, bufferSize: 64 * 1024);
            }
            catch (Exception exception) when (exception is IOException or UnauthorizedAccessException or NotSupportedException or ArgumentException or System.Security.SecurityException)
            {
                problem = exception.Message;
            }
        }

        error.WriteLine($"--output '{path}': cannot write there: {problem}");
        return null;
    }
}
