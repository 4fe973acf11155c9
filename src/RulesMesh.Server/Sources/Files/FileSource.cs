using System.Collections.Immutable;
using System.Globalization;
using System.Threading.Channels;
using Microsoft.Extensions.Logging;
using RulesMesh.Engine;
using RulesMesh.Loading;
using RulesMesh.Mesh;

namespace RulesMesh.Server.Sources.Files;

/// <summary>
/// Manifest files and folders, read as <c>rulesmesh translate</c> reads them, then followed: a file added, edited,
/// deleted or atomically replaced (written aside and renamed over it, as editors, <c>git checkout</c> and
/// <c>kubectl</c>-style tools do; a Kubernetes ConfigMap mount's <c>..data</c> link swapped) is read again once it has
/// been quiet for <see cref="FileSourceOptions.Debounce"/>, and the objects it adds, changes or no longer defines are
/// submitted. Change notices come from the file system, and every file is also checked each
/// <see cref="FileSourceOptions.RescanInterval"/> for what notices miss.
/// </summary>
/// <remarks>
/// An edit that leaves a file with errors keeps that file's last good objects, reports the errors (origin: the file)
/// and changes nothing else; fixing it clears the report. Two files defining one object: the first keeps it and the
/// other is reported. A watched path that does not exist is an error, reported and watched for: the objects last read
/// from it stay in effect until it appears again (then what differs is submitted), so a folder removed and recreated
/// (<c>rm -rf dir &amp;&amp; git checkout dir</c>, a volume remounted) does not delete everything in between. A file deleted
/// inside a watched folder is a deletion.
/// </remarks>
public sealed partial class FileSource : IConfigurationSource, IObjectLocator
{
    private readonly IReadOnlyList<string> roots;
    private readonly FileSourceOptions options;
    private readonly ILogger<FileSource> logger;

    // The document of every object in effect, replaced whole by the run loop before it submits: read from the control plane's loop.
    private ImmutableDictionary<ResourceKey, ManifestDocument> documents = ImmutableDictionary<ResourceKey, ManifestDocument>.Empty;

    /// <summary>A source over <paramref name="paths"/> (files and folders).</summary>
    public FileSource(IReadOnlyList<string> paths, FileSourceOptions options, ILogger<FileSource> logger)
    {
        ArgumentNullException.ThrowIfNull(paths);
        if (paths.Count == 0)
        {
            throw new ArgumentException("A file source needs at least one file or folder.", nameof(paths));
        }

        roots = [.. paths.Select(static p => Path.TrimEndingDirectorySeparator(Path.GetFullPath(p))).Distinct(StringComparer.Ordinal)];
        this.options = options ?? throw new ArgumentNullException(nameof(options));
        this.logger = logger ?? throw new ArgumentNullException(nameof(logger));
    }

    /// <inheritdoc />
    public string Name => "files";

    /// <inheritdoc />
    public async Task RunAsync(IChangeSink sink, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(sink);
        await Task.Yield();
        var notices = Channel.CreateUnbounded<string?>(new UnboundedChannelOptions { SingleReader = true });

        // Watching starts before the first read, so an edit made while it runs is not missed.
        using var watch = new FileNotices(roots, notices.Writer);
        var run = new Run(this, sink, watch);
        run.Scan(new DueChanges([], Folders: true, new HashSet<string>()));
        sink.MarkSynced(this);
        LogSynced(logger, run.Files.InEffect.Count, run.Files.FileCount, roots);

        var pending = new PendingChanges(options.Debounce);
        var nextRescan = TimeProvider.System.GetUtcNow() + options.RescanInterval;
        while (!cancellationToken.IsCancellationRequested)
        {
            var wakeAt = pending.NextDue is { } due && due < nextRescan ? due : nextRescan;
            if (!await WaitAsync(notices.Reader, wakeAt - TimeProvider.System.GetUtcNow(), cancellationToken).ConfigureAwait(false))
            {
                return;
            }

            var now = TimeProvider.System.GetUtcNow();
            while (notices.Reader.TryRead(out var path))
            {
                run.Classify(path, pending, now);
            }

            var settled = pending.TakeDue(now);
            if (settled.Any)
            {
                run.Scan(settled);
            }
            else if (now >= nextRescan)
            {
                run.Scan(new DueChanges([], Folders: false, settled.StillSettling));
                nextRescan = now + options.RescanInterval;
            }
        }
    }

    /// <inheritdoc />
    string? IObjectLocator.Locate(ObjectKey key, string? fieldPath)
    {
        if (!Volatile.Read(ref documents).TryGetValue(ResourceKey.Of(key), out var document))
        {
            return null;
        }

        var position = document.SourceMap.FieldOrRoot(fieldPath);
        return string.Create(CultureInfo.InvariantCulture, $"{document.SourceName}:{position.Line}:{position.Column}");
    }

    /// <summary>Waits for a notice or for <paramref name="wait"/> to pass; false once cancelled (the source then ends without an exception).</summary>
    private static async Task<bool> WaitAsync(ChannelReader<string?> reader, TimeSpan wait, CancellationToken cancellationToken)
    {
        if (wait <= TimeSpan.Zero)
        {
            return !cancellationToken.IsCancellationRequested;
        }

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(wait);
        try
        {
            await reader.WaitToReadAsync(timeout.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            // The wait is over, or the source is stopping: the caller asks which.
        }

        return !cancellationToken.IsCancellationRequested;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Read {ObjectCount} objects from {FileCount} files in {Roots}; following changes")]
    private static partial void LogSynced(ILogger logger, int objectCount, int fileCount, IReadOnlyList<string> roots);

    [LoggerMessage(Level = LogLevel.Error, Message = "{Path} has errors; its objects stay as they were when it was last read without errors:\n{Problems}")]
    private static partial void LogKeptLastGood(ILogger logger, string path, string problems);

    [LoggerMessage(Level = LogLevel.Error, Message = "{Path} has errors; the documents with errors are left out:\n{Problems}")]
    private static partial void LogLeftOut(ILogger logger, string path, string problems);

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Origin}:\n{Problems}")]
    private static partial void LogProblems(ILogger logger, string origin, string problems);

    [LoggerMessage(Level = LogLevel.Information, Message = "{Origin} has no problems any more")]
    private static partial void LogCleared(ILogger logger, string origin);

    [LoggerMessage(Level = LogLevel.Debug, Message = "{Count} changes from the files")]
    private static partial void LogSubmitted(ILogger logger, int count);

    /// <summary>One run's state: the files followed, the folders they are in, and the problems reported for the watched paths.</summary>
    private sealed class Run(FileSource source, IChangeSink sink, FileNotices watch)
    {
        private static readonly IReadOnlyList<string> ManifestExtensions = [".yaml", ".yml", ".json"];

        private readonly ManifestFileReader reader = new(source.options.Limits, WaypointPipelines.Create(WaypointPipelines.DefaultProfile));
        private readonly Dictionary<string, IReadOnlyList<string>> rootProblems = new(StringComparer.Ordinal);
        private HashSet<string> folders = new(StringComparer.Ordinal);

        public WatchedFiles Files { get; } = new();

        /// <summary>Files the notice names wait to settle; a notice about a folder (or lost notices) has every file read again.</summary>
        public void Classify(string? path, PendingChanges pending, DateTimeOffset now)
        {
            if (path is null || folders.Contains(path) || Directory.Exists(path))
            {
                pending.Folder(now);
            }
            else if (source.roots.Contains(path, StringComparer.Ordinal) || ManifestExtensions.Contains(Path.GetExtension(path), StringComparer.OrdinalIgnoreCase))
            {
                pending.File(path, now);
            }
        }

        /// <summary>Lists the watched paths, reads the files that changed (or all of them for a folder change), submits and reports.</summary>
        public void Scan(DueChanges due)
        {
            watch.Refresh();
            var (listing, rootReports, missingRoots) = List();
            var forced = due.Files.Select(RealPath.Of).ToHashSet(StringComparer.Ordinal);
            var reads = new List<(string Path, FileRead? Read)>();
            foreach (var (path, real) in listing)
            {
                if (due.StillSettling.Contains(path))
                {
                    continue;
                }

                var known = Files.StampOf(path);
                if (due.Folders || known is null || forced.Contains(real) || known != FileStamp.Of(path))
                {
                    var read = reader.Read(path);
                    reads.Add((path, read.Stamp is null ? null : read));
                }
            }

            var listed = listing.Select(static l => l.Path).ToHashSet(StringComparer.Ordinal);
            // A file no longer listed is gone, unless the watched path it came from is missing: that is an error, not a deletion.
            reads.AddRange(Files.Paths
                .Where(p => !listed.Contains(p) && !due.StillSettling.Contains(p) && !missingRoots.Any(root => IsUnder(p, root)))
                .Select(static p => (p, (FileRead?)null))
                .ToList());

            var update = Files.Apply(reads);
            Volatile.Write(ref source.documents, Files.Documents);
            if (update.Changes.Count > 0)
            {
                LogSubmitted(source.logger, update.Changes.Count);
                sink.Submit(source, update.Changes);
            }

            foreach (var failed in update.Failed)
            {
                var problems = string.Join('\n', failed.Problems);
                if (failed.KeptLastGood)
                {
                    LogKeptLastGood(source.logger, failed.Path, problems);
                }
                else
                {
                    LogLeftOut(source.logger, failed.Path, problems);
                }
            }

            foreach (var report in update.Reports)
            {
                Report(report.Path, report.Problems, logged: update.Failed.Any(f => f.Path == report.Path));
            }

            foreach (var report in rootReports)
            {
                Report(report.Path, report.Problems, logged: false);
            }
        }

        /// <summary>
        /// The files below the watched paths in <c>translate</c>'s order, each real file once (under the first name
        /// listed), with its real path; the watched paths whose problems (missing, cannot be listed) changed; and the
        /// watched paths that do not exist.
        /// </summary>
        private (List<(string Path, string Real)> Listing, List<FileReport> RootReports, List<string> MissingRoots) List()
        {
            var listing = new List<(string, string)>();
            var reports = new List<FileReport>();
            var missing = new List<string>();
            var seen = new HashSet<string>(StringComparer.Ordinal);
            var nowFolders = new HashSet<string>(StringComparer.Ordinal);
            foreach (var root in source.roots)
            {
                IReadOnlyList<string> problems = [];
                if (!File.Exists(root) && !Directory.Exists(root))
                {
                    missing.Add(root);
                    problems = [$"{root}: error: no such file or folder; the objects last read from it are kept, and it is read again once it appears."];
                }
                else
                {
                    foreach (var path in ManifestSource.FromPath(root).Select(static s => s.Name))
                    {
                        if (Directory.Exists(path))
                        {
                            problems = [.. problems, $"{path}: error: the folder cannot be listed; its files are left out."];
                        }
                        else if (RealPath.Of(path) is var real && seen.Add(real))
                        {
                            listing.Add((path, real));
                            for (var folder = Path.GetDirectoryName(path); folder is not null && folder.Length >= root.Length; folder = Path.GetDirectoryName(folder))
                            {
                                nowFolders.Add(folder);
                            }
                        }
                    }
                }

                if (!rootProblems.GetValueOrDefault(root, []).SequenceEqual(problems, StringComparer.Ordinal))
                {
                    rootProblems[root] = problems;
                    reports.Add(new FileReport(root, problems));
                }
            }

            folders = nowFolders;
            return (listing, reports, missing);
        }

        /// <summary>Whether <paramref name="path"/> is the watched path <paramref name="root"/> or a file below it.</summary>
        private static bool IsUnder(string path, string root)
            => path.Length == root.Length ? string.Equals(path, root, StringComparison.Ordinal)
                : path.Length > root.Length && path.StartsWith(root, StringComparison.Ordinal) && path[root.Length] == Path.DirectorySeparatorChar;

        private void Report(string origin, IReadOnlyList<string> problems, bool logged)
        {
            sink.Report(source, origin, problems);
            if (problems.Count == 0)
            {
                LogCleared(source.logger, origin);
            }
            else if (!logged)
            {
                LogProblems(source.logger, origin, string.Join('\n', problems));
            }
        }
    }
}
