using System.Collections.Immutable;
using RulesMesh.Engine;
using RulesMesh.Loading;

namespace RulesMesh.Server.Sources.Files;

/// <summary>
/// The files a <see cref="FileSource"/> follows and the objects in effect: what each file held when last read well, and
/// which file each object comes from. Given fresh reads it says what changed for the engine and which files' problems
/// changed. Not thread-safe: one loop owns it.
/// </summary>
/// <remarks>
/// An object is compared across all files, so one that moves from a file to another is not deleted. Two files defining
/// the same object: the first keeps it (the one that had it, else the first file seen), the other is told so, and takes
/// over only if the first stops defining it. An edit that leaves a file with errors keeps what the file held before; a
/// file read for the first time with errors gives the documents that loaded, as <c>translate</c> does.
/// </remarks>
internal sealed class WatchedFiles
{
    private readonly Dictionary<string, TrackedFile> files = new(StringComparer.Ordinal);
    private readonly Dictionary<ResourceKey, FileObject> inEffect = [];
    private readonly Dictionary<ResourceKey, string> owners = [];
    private long nextRank;

    /// <summary>The paths followed now.</summary>
    public IEnumerable<string> Paths => files.Keys;

    /// <summary>How many paths are followed.</summary>
    public int FileCount => files.Count;

    /// <summary>The stamp of <paramref name="path"/> when it was last read, or null when it is not followed.</summary>
    public FileStamp? StampOf(string path) => files.GetValueOrDefault(path)?.Stamp;

    /// <summary>The objects in effect now, by key.</summary>
    public IReadOnlyDictionary<ResourceKey, FileObject> InEffect => inEffect;

    /// <summary>The document of each object in effect: an immutable copy, for other threads to read.</summary>
    public ImmutableDictionary<ResourceKey, ManifestDocument> Documents { get; private set; } = ImmutableDictionary<ResourceKey, ManifestDocument>.Empty;

    /// <summary>
    /// Takes in <paramref name="reads"/> (a null read: the file is gone), in the order files were listed, and returns the
    /// changes to the objects in effect and the files whose problems changed.
    /// </summary>
    public FileUpdate Apply(IReadOnlyList<(string Path, FileRead? Read)> reads)
    {
        var touched = new List<ResourceKey>();
        var touchedSet = new HashSet<ResourceKey>();
        void Touch(IEnumerable<FileObject> objects)
        {
            foreach (var key in objects.Select(static o => o.Key).Where(touchedSet.Add))
            {
                touched.Add(key);
            }
        }

        var problemsBefore = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal);
        var failed = new List<FailedRead>();
        foreach (var (path, read) in reads)
        {
            var before = files.GetValueOrDefault(path);
            problemsBefore.TryAdd(path, before?.Problems ?? []);
            Touch(before?.Objects ?? []);
            if (read is null)
            {
                files.Remove(path);
                continue;
            }

            if (read.HasErrors)
            {
                failed.Add(new FailedRead(path, read.Problems, KeptLastGood: before is not null));
            }

            // A known file with errors keeps its last good objects (and its rank); anything else takes what was read.
            var objects = read.HasErrors && before is not null ? before.Objects : read.Objects;
            files[path] = new TrackedFile(before?.Rank ?? nextRank++, read.Stamp, objects, read.Problems, []);
            Touch(objects);
        }

        var changes = Resolve(touched, problemsBefore);
        var reports = problemsBefore
            .Select(entry => (Path: entry.Key, Before: entry.Value, Now: files.GetValueOrDefault(entry.Key)?.Problems ?? []))
            .Where(static report => !report.Before.SequenceEqual(report.Now, StringComparer.Ordinal))
            .Select(static report => new FileReport(report.Path, report.Now))
            .ToList();
        return new FileUpdate(changes, reports, failed);
    }

    /// <summary>
    /// Picks the owner of every touched key, updates the objects in effect and the duplicate notes of the files
    /// involved (adding them to <paramref name="problemsBefore"/> so their reports are compared), and returns the changes.
    /// </summary>
    private List<ResourceChange> Resolve(List<ResourceKey> touched, Dictionary<string, IReadOnlyList<string>> problemsBefore)
    {
        var claimants = new Dictionary<ResourceKey, List<(TrackedFile File, string Path, FileObject Object)>>();
        var touchedSet = touched.ToHashSet();
        foreach (var (path, file) in files)
        {
            foreach (var item in file.Objects.Where(o => touchedSet.Contains(o.Key)))
            {
                if (!claimants.TryGetValue(item.Key, out var list))
                {
                    claimants[item.Key] = list = [];
                }

                list.Add((file, path, item));
            }
        }

        var upserts = new List<ResourceChange>();
        var deletes = new List<ResourceChange>();
        var documents = Documents.ToBuilder();
        foreach (var key in touched)
        {
            var had = inEffect.GetValueOrDefault(key);
            var owner = owners.GetValueOrDefault(key);
            var claims = claimants.GetValueOrDefault(key) ?? [];
            claims.Sort(static (a, b) => a.File.Rank.CompareTo(b.File.Rank));
            var winner = claims.FirstOrDefault(c => c.Path == owner);
            if (winner.File is null && claims.Count > 0)
            {
                winner = claims[0];
            }

            foreach (var loser in claims.Where(c => c.Path != winner.Path))
            {
                // Problems are taken before the note changes, so the report compares the old list with the new.
                problemsBefore.TryAdd(loser.Path, loser.File.Problems);
                loser.File.Duplicates[key] = $"{loser.Object.Location}: warning: {key.Kind} {Named(key)} is also defined at {winner.Object.Location}; "
                    + "the first definition is used and this one is ignored.";
            }

            if (winner.File is not null && winner.File.Duplicates.ContainsKey(key))
            {
                problemsBefore.TryAdd(winner.Path, winner.File.Problems);
                winner.File.Duplicates.Remove(key);
            }

            if (winner.File is null)
            {
                owners.Remove(key);
                documents.Remove(key);
                if (inEffect.Remove(key))
                {
                    deletes.Add(new ResourceChange.Delete(key));
                }

                continue;
            }

            owners[key] = winner.Path;
            inEffect[key] = winner.Object;
            documents[key] = winner.Object.Document;
            if (!winner.Object.SameAs(had))
            {
                upserts.Add(new ResourceChange.Upsert(winner.Object.Object));
            }
        }

        Documents = documents.ToImmutable();
        return [.. upserts, .. deletes];
    }

    private static string Named(ResourceKey key) => key.Namespace.Length == 0 ? key.Name : $"{key.Namespace}/{key.Name}";

    /// <summary>One followed file.</summary>
    /// <param name="Rank">When it was first seen: earlier files win duplicates.</param>
    /// <param name="Stamp">The file as last read.</param>
    /// <param name="Objects">Its objects in effect (its last good read's).</param>
    /// <param name="ReadProblems">The problems of its last read.</param>
    /// <param name="Duplicates">Its objects another file defines first, with the note saying so.</param>
    private sealed record TrackedFile(long Rank, FileStamp? Stamp, IReadOnlyList<FileObject> Objects, IReadOnlyList<string> ReadProblems, Dictionary<ResourceKey, string> Duplicates)
    {
        public IReadOnlyList<string> Problems => [.. ReadProblems, .. Duplicates.Values];
    }
}
