namespace RulesMesh.Server.Sources.Files;

/// <summary>
/// Change notices waiting to settle: per file, the times of its first and last notice, and the same for the notices
/// about folders (a folder created, renamed or deleted, a link swapped, lost notices), which send every file to be
/// read again. Something is due once it has been quiet for the debounce time, or once it has waited ten debounce
/// times, so a file written without pause is still read. Not thread-safe: one loop owns it.
/// </summary>
internal sealed class PendingChanges(TimeSpan debounce)
{
    private readonly TimeSpan maxDelay = debounce * 10;
    private readonly Dictionary<string, Waiting> files = new(StringComparer.Ordinal);
    private Waiting? folders;

    /// <summary>A notice about the file at <paramref name="path"/>.</summary>
    public void File(string path, DateTimeOffset at) => files[path] = files.TryGetValue(path, out var waiting) ? waiting with { Last = at } : new Waiting(at, at);

    /// <summary>A notice about a folder, or notices lost.</summary>
    public void Folder(DateTimeOffset at) => folders = folders is { } waiting ? waiting with { Last = at } : new Waiting(at, at);

    /// <summary>When the next file or the folders become due, or null when nothing waits.</summary>
    public DateTimeOffset? NextDue
    {
        get
        {
            DateTimeOffset? next = folders is { } waiting ? DueAt(waiting) : null;
            foreach (var file in files.Values)
            {
                var due = DueAt(file);
                next = next is null || due < next ? due : next;
            }

            return next;
        }
    }

    /// <summary>Takes what is due at <paramref name="now"/>; what is not due yet stays, and its files should not be read yet.</summary>
    public DueChanges TakeDue(DateTimeOffset now)
    {
        var dueFiles = files.Where(f => DueAt(f.Value) <= now).Select(static f => f.Key).ToList();
        foreach (var path in dueFiles)
        {
            files.Remove(path);
        }

        var dueFolders = folders is { } waiting && DueAt(waiting) <= now;
        if (dueFolders)
        {
            folders = null;
        }

        return new DueChanges(dueFiles, dueFolders, files.Keys.ToHashSet(StringComparer.Ordinal));
    }

    private DateTimeOffset DueAt(Waiting waiting)
    {
        var quiet = waiting.Last + debounce;
        var longest = waiting.First + maxDelay;
        return quiet < longest ? quiet : longest;
    }

    /// <summary>The first and the last notice of something still settling.</summary>
    private readonly record struct Waiting(DateTimeOffset First, DateTimeOffset Last);
}
