namespace RulesMesh.Server.Tests.Files;

/// <summary>A fresh folder under the system temp folder, deleted with everything in it on dispose.</summary>
internal sealed class TemporaryFolder : IDisposable
{
    public TemporaryFolder()
    {
        Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "rulesmesh-server-tests-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Path);
    }

    public string Path { get; }

    /// <summary>The full path of <paramref name="relativePath"/> in the folder.</summary>
    public string this[string relativePath] => System.IO.Path.Combine(Path, relativePath);

    /// <summary>Writes <paramref name="text"/> to <paramref name="relativePath"/>, creating folders as needed.</summary>
    public string Write(string relativePath, string text)
    {
        var file = this[relativePath];
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(file)!);
        File.WriteAllText(file, text);
        return file;
    }

    /// <summary>Writes <paramref name="text"/> beside <paramref name="relativePath"/> and renames it over, as editors and <c>kubectl</c> do.</summary>
    public string Replace(string relativePath, string text)
    {
        var file = this[relativePath];
        var aside = file + ".tmp-" + Guid.NewGuid().ToString("N")[..8];
        File.WriteAllText(aside, text);
        File.Move(aside, file, overwrite: true);
        return file;
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (IOException)
        {
            // A watcher may still hold it for a moment; the system cleans its temp folder.
        }
    }
}
