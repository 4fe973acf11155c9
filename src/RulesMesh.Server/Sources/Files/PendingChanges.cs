namespace RulesMesh.Server.Sources.Files;

/// <summary>
/// Change notices waiting to settle: per file, the time of its last notice, and one time for the notices about folders
/// (a folder created, renamed or deleted, a link swapped, lost notices), which send every file to be read again.
/// Something is due once it has been quiet for the debounce time. Not thread-safe: one loop owns it.
/// </summary>
internal sealed class PendingChanges(TimeSpan debounce)
{
    private readonly Dictionary<string, DateTimeOffset> files = new(StringComparer.Ordinal);
    private DateTimeOffset? folders;

    /// <summary>A notice about the file at <paramref name="path"/>.</summary>
    public void File(string path, DateTimeOffset at) => files[path] = at;

    /// <summary>A notice about a folder, or notices lost.</summary>
    public void Folder(DateTimeOffset at) => folders = at;

    /// <summary>When the next file or the folders become due, or null when nothing waits.</summary>
    public DateTimeOffset? NextDue
    {
        get
        {
            DateTimeOffset? last = folders;
            foreach (var at in files.Values)
            {
                last = last is null || at < last ? at : last;
            }

            return last + debounce;
        }
    }

    /// <summary>Takes what is due at <paramref name="now"/>; what is not due yet stays, and its files should not be read yet.</summary>
    public DueChanges TakeDue(DateTimeOffset now)
    {
        var dueFiles = files.Where(f => f.Value + debounce <= now).Select(static f => f.Key).ToList();
        foreach (var path in dueFiles)
        {
            files.Remove(path);
        }

        var dueFolders = folders + debounce <= now;
        if (dueFolders)
        {
            folders = null;
        }

        return new DueChanges(dueFiles, dueFolders, files.Keys.ToHashSet(StringComparer.Ordinal));
    }
}
