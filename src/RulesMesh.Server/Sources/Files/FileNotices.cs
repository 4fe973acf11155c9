using System.Threading.Channels;

namespace RulesMesh.Server.Sources.Files;

/// <summary>
/// The file system's change notices for the watched paths (a <see cref="FileSystemWatcher"/> on each folder, and on the
/// folder holding each watched file), passed on as paths; a null path says notices were lost. Paths that do not exist
/// yet are watched once <see cref="Refresh"/> finds them.
/// </summary>
internal sealed class FileNotices : IDisposable
{
    private readonly ChannelWriter<string?> notices;
    private readonly Dictionary<string, FileSystemWatcher> watchers = new(StringComparer.Ordinal);

    /// <summary>Watches <paramref name="roots"/> (full paths), writing notices to <paramref name="notices"/>.</summary>
    public FileNotices(IReadOnlyList<string> roots, ChannelWriter<string?> notices)
    {
        Roots = roots;
        this.notices = notices;
        Refresh();
    }

    /// <summary>The watched paths.</summary>
    public IReadOnlyList<string> Roots { get; }

    /// <summary>Starts watching the paths that exist now and were not watched, and stops watching those that are gone.</summary>
    public void Refresh()
    {
        foreach (var root in Roots)
        {
            // A file (or a path not there yet) is watched through its folder, unfiltered: an atomic replace arrives as a
            // rename of another name onto it.
            var isFolder = Directory.Exists(root);
            var folder = isFolder ? root : Path.GetDirectoryName(root);
            var watchable = folder is not null && Directory.Exists(folder);
            if (watchers.TryGetValue(root, out var watcher) && (!watchable || watcher.Path != folder))
            {
                watcher.Dispose();
                watchers.Remove(root);
            }

            if (watchable && !watchers.ContainsKey(root))
            {
                watchers[root] = Watch(root, folder!, isFolder);
            }
        }
    }

    /// <inheritdoc />
    public void Dispose()
    {
        foreach (var watcher in watchers.Values)
        {
            watcher.Dispose();
        }

        watchers.Clear();
    }

    private FileSystemWatcher Watch(string root, string folder, bool isFolder)
    {
        var watcher = new FileSystemWatcher(folder)
        {
            IncludeSubdirectories = isFolder,
            NotifyFilter = NotifyFilters.FileName | NotifyFilters.DirectoryName | NotifyFilters.LastWrite | NotifyFilters.Size | NotifyFilters.CreationTime,
        };
        watcher.Changed += (_, e) => Notice(root, isFolder, e.FullPath);
        watcher.Created += (_, e) => Notice(root, isFolder, e.FullPath);
        watcher.Deleted += (_, e) => Notice(root, isFolder, e.FullPath);
        watcher.Renamed += (_, e) =>
        {
            Notice(root, isFolder, e.OldFullPath);
            Notice(root, isFolder, e.FullPath);
        };
        watcher.Error += (_, _) => notices.TryWrite(null);
        watcher.EnableRaisingEvents = true;
        return watcher;
    }

    private void Notice(string root, bool isFolder, string path)
    {
        if (isFolder || string.Equals(path, root, StringComparison.Ordinal))
        {
            notices.TryWrite(path);
        }
    }
}
