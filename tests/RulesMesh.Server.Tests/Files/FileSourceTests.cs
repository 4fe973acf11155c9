using k8s.Models;
using RulesMesh.Engine;
using RulesMesh.Server.Sources.Files;

namespace RulesMesh.Server.Tests.Files;

/// <summary>
/// The file source over real files in a temporary folder: what it submits at start and for each kind of change, and
/// what it reports. Every expected change list is written out by hand from the files the test writes.
/// </summary>
public sealed class FileSourceTests : IDisposable
{
    private readonly TemporaryFolder folder = new();

    public void Dispose() => folder.Dispose();

    [Fact]
    public async Task Start_submits_every_object_of_every_manifest_once_then_marks_itself_synced()
    {
        folder.Write("a.yaml", Manifests.Documents(Manifests.Service("a"), Manifests.Service("b")));
        folder.Write("sub/c.yml", Manifests.Service("c"));
        folder.Write("notes.txt", Manifests.Service("not-a-manifest"));

        var (source, start) = await RunningSource.StartSyncedAsync(null, folder.Path);
        await using var _ = source;

        Assert.Equal(2, start.Count);
        var submitted = Assert.IsType<SinkCall.Submitted>(start[0]);
        Assert.Equal(["upsert Service infra/a", "upsert Service infra/b", "upsert Service infra/c"], ChangeText.Of(submitted.Changes));
        Assert.IsType<SinkCall.Synced>(start[1]);
    }

    [Fact]
    public async Task A_new_file_submits_its_objects()
    {
        folder.Write("a.yaml", Manifests.Service("a"));
        var (source, _) = await RunningSource.StartSyncedAsync(null, folder.Path);
        await using var running = source;

        folder.Write("d.yaml", Manifests.Documents(Manifests.Service("d"), Manifests.Service("e")));

        Assert.Equal(["upsert Service infra/d", "upsert Service infra/e"], ChangeText.Of(await source.Sink.NextSubmissionAsync()));
    }

    [Fact]
    public async Task An_edit_submits_only_the_objects_it_changed()
    {
        folder.Write("a.yaml", Manifests.Documents(Manifests.Service("a"), Manifests.Service("b")));
        var (source, _) = await RunningSource.StartSyncedAsync(null, folder.Path);
        await using var running = source;

        folder.Write("a.yaml", Manifests.Documents(Manifests.Service("a", port: 8080), Manifests.Service("b")));

        var changes = await source.Sink.NextSubmissionAsync();
        Assert.Equal(["upsert Service infra/a"], ChangeText.Of(changes));
        Assert.Equal(8080, ((V1Service)((ResourceChange.Upsert)changes[0]).Object).Spec.Ports[0].Port);
    }

    [Fact]
    public async Task A_deleted_file_deletes_its_objects()
    {
        folder.Write("a.yaml", Manifests.Documents(Manifests.Service("a"), Manifests.Service("b")));
        folder.Write("c.yaml", Manifests.Service("c"));
        var (source, _) = await RunningSource.StartSyncedAsync(null, folder.Path);
        await using var running = source;

        File.Delete(folder["a.yaml"]);

        Assert.Equal(["delete Service infra/a", "delete Service infra/b"], ChangeText.Of(await source.Sink.NextSubmissionAsync()));
    }

    [Fact]
    public async Task A_file_written_aside_and_renamed_over_is_read_as_an_edit()
    {
        folder.Write("a.yaml", Manifests.Documents(Manifests.Service("a"), Manifests.Service("b")));
        var (source, _) = await RunningSource.StartSyncedAsync(null, folder.Path);
        await using var running = source;

        folder.Replace("a.yaml", Manifests.Documents(Manifests.Service("a"), Manifests.Service("b", port: 81)));

        var changes = await source.Sink.NextSubmissionAsync();
        Assert.Equal(["upsert Service infra/b"], ChangeText.Of(changes));
        Assert.Equal(81, ((V1Service)((ResourceChange.Upsert)changes[0]).Object).Spec.Ports[0].Port);
    }

    [Fact]
    public async Task A_watched_file_renamed_over_is_followed_through_its_folder()
    {
        var file = folder.Write("only.yaml", Manifests.Service("a"));
        folder.Write("other.yaml", Manifests.Service("not-watched"));
        var (source, start) = await RunningSource.StartSyncedAsync(null, file);
        await using var running = source;
        Assert.Equal(["upsert Service infra/a"], ChangeText.Of(Assert.IsType<SinkCall.Submitted>(start[0]).Changes));

        folder.Write("other.yaml", Manifests.Service("still-not-watched"));
        folder.Replace("only.yaml", Manifests.Service("b"));

        Assert.Equal(["upsert Service infra/b", "delete Service infra/a"], ChangeText.Of(await source.Sink.NextSubmissionAsync()));
    }

    [Fact]
    public async Task An_object_moved_to_another_file_is_updated_not_deleted()
    {
        var a = folder.Write("a.yaml", Manifests.Documents(Manifests.Service("a"), Manifests.Service("b")));
        var (source, _) = await RunningSource.StartSyncedAsync(null, folder.Path);
        await using var running = source;

        // b appears in c.yaml first (a duplicate while a.yaml still has it), then leaves a.yaml.
        var c = folder.Write("c.yaml", Manifests.Service("b", port: 90));
        var duplicate = Assert.IsType<SinkCall.Reported>(await source.Sink.NextAsync());
        Assert.Equal(c, duplicate.Origin);
        Assert.Equal([$"{c}:1: warning: Service infra/b is also defined at {a}:11; the first definition is used and this one is ignored."], duplicate.Problems);

        folder.Replace("a.yaml", Manifests.Service("a"));

        var calls = await source.Sink.UntilAsync(static call => call is SinkCall.Reported { Problems.Count: 0 });
        var submitted = Assert.Single(calls.OfType<SinkCall.Submitted>());
        Assert.Equal(["upsert Service infra/b"], ChangeText.Of(submitted.Changes));
        Assert.Equal(90, ((V1Service)((ResourceChange.Upsert)submitted.Changes[0]).Object).Spec.Ports[0].Port);
        Assert.Equal(c, calls.OfType<SinkCall.Reported>().Single().Origin);
    }

    [Fact]
    public async Task An_edit_that_breaks_a_file_keeps_its_last_good_objects_and_reports_where_until_it_is_fixed()
    {
        var a = folder.Write("a.yaml", Manifests.Documents(Manifests.Service("a"), Manifests.Service("b")));
        var (source, _) = await RunningSource.StartSyncedAsync(null, folder.Path);
        await using var running = source;

        // b changes too, but the file is broken: nothing of it may reach the engine.
        folder.Replace("a.yaml", Manifests.Documents(Manifests.Service("Not_A_Name"), Manifests.Service("b", port: 81)));

        var report = Assert.IsType<SinkCall.Reported>(await source.Sink.NextAsync());
        Assert.Equal(a, report.Origin);
        var problem = Assert.Single(report.Problems);
        Assert.StartsWith($"{a}:4:3: error: Service \"Not_A_Name\" breaks its schema: metadata.name is invalid", problem, StringComparison.Ordinal);
        Assert.EndsWith("(at metadata.name)", problem, StringComparison.Ordinal);

        folder.Replace("a.yaml", Manifests.Documents(Manifests.Service("a"), Manifests.Service("b", port: 81)));

        Assert.Equal(["upsert Service infra/b"], ChangeText.Of(await source.Sink.NextSubmissionAsync()));
        Assert.Equal(new SinkCall.Reported(a, []).ToString(), (await source.Sink.NextAsync()).ToString());
    }

    [Fact]
    public async Task A_file_that_first_loads_with_errors_gives_its_good_documents_as_translate_does()
    {
        var a = folder.Write("a.yaml", Manifests.Documents(Manifests.Service("Not_A_Name"), Manifests.Service("b")));

        var (source, start) = await RunningSource.StartSyncedAsync(null, folder.Path);
        await using var running = source;

        Assert.Equal(3, start.Count);
        Assert.Equal(["upsert Service infra/b"], ChangeText.Of(Assert.IsType<SinkCall.Submitted>(start[0]).Changes));
        Assert.Equal(a, Assert.IsType<SinkCall.Reported>(start[1]).Origin);
        Assert.IsType<SinkCall.Synced>(start[2]);
    }

    [Fact]
    public async Task Of_two_files_defining_one_object_the_first_keeps_it_and_the_second_takes_over_when_the_first_drops_it()
    {
        var a = folder.Write("a.yaml", Manifests.Service("x"));
        var b = folder.Write("b.yaml", Manifests.Service("x", port: 90));

        var (source, start) = await RunningSource.StartSyncedAsync(null, folder.Path);
        await using var running = source;

        var submitted = Assert.IsType<SinkCall.Submitted>(start[0]);
        Assert.Equal(["upsert Service infra/x"], ChangeText.Of(submitted.Changes));
        Assert.Equal(80, ((V1Service)((ResourceChange.Upsert)submitted.Changes[0]).Object).Spec.Ports[0].Port);
        Assert.Equal(
            new SinkCall.Reported(b, [$"{b}:1: warning: Service infra/x is also defined at {a}:1; the first definition is used and this one is ignored."]).ToString(),
            start[1].ToString());

        File.Delete(a);

        var takeover = await source.Sink.NextSubmissionAsync();
        Assert.Equal(["upsert Service infra/x"], ChangeText.Of(takeover));
        Assert.Equal(90, ((V1Service)((ResourceChange.Upsert)takeover[0]).Object).Spec.Ports[0].Port);
        Assert.Equal(new SinkCall.Reported(b, []).ToString(), (await source.Sink.NextAsync()).ToString());
    }

    [Fact]
    public async Task A_path_that_does_not_exist_is_reported_and_read_once_it_appears()
    {
        var later = folder["later.yaml"];
        var (source, start) = await RunningSource.StartSyncedAsync(null, later);
        await using var running = source;

        Assert.Equal(
            [new SinkCall.Reported(later, [$"{later}: error: no such file or folder; the objects last read from it are kept, and it is read again once it appears."]).ToString(), new SinkCall.Synced().ToString()],
            start.Select(static c => c.ToString()));

        folder.Write("later.yaml", Manifests.Service("a"));

        Assert.Equal(["upsert Service infra/a"], ChangeText.Of(await source.Sink.NextSubmissionAsync()));
        Assert.Equal(new SinkCall.Reported(later, []).ToString(), (await source.Sink.NextAsync()).ToString());
    }

    [Fact]
    public async Task A_watched_folder_removed_keeps_its_objects_and_when_recreated_only_the_difference_is_submitted()
    {
        var watched = folder["watched"];
        folder.Write("watched/a.yaml", Manifests.Service("a"));
        folder.Write("watched/b.yaml", Manifests.Service("b"));
        var (source, _) = await RunningSource.StartSyncedAsync(null, watched);
        await using var running = source;

        Directory.Delete(watched, recursive: true);

        // A missing watched path is an error (as a file with errors): reported, and nothing is deleted.
        Assert.Equal(
            new SinkCall.Reported(watched, [$"{watched}: error: no such file or folder; the objects last read from it are kept, and it is read again once it appears."]).ToString(),
            (await source.Sink.NextAsync()).ToString());

        // Recreated with a changed and without b: a's change and b's deletion are what differs.
        folder.Write("watched/a.yaml", Manifests.Service("a", port: 8080));

        Assert.Equal(["upsert Service infra/a", "delete Service infra/b"], ChangeText.Of(await source.Sink.NextSubmissionAsync()));
        Assert.Equal(new SinkCall.Reported(watched, []).ToString(), (await source.Sink.NextAsync()).ToString());
    }

    [Fact]
    public async Task A_watched_file_removed_keeps_its_objects_until_it_appears_again()
    {
        var file = folder.Write("only.yaml", Manifests.Documents(Manifests.Service("a"), Manifests.Service("b")));
        var (source, _) = await RunningSource.StartSyncedAsync(null, file);
        await using var running = source;

        File.Delete(file);

        Assert.Equal(
            new SinkCall.Reported(file, [$"{file}: error: no such file or folder; the objects last read from it are kept, and it is read again once it appears."]).ToString(),
            (await source.Sink.NextAsync()).ToString());

        folder.Write("only.yaml", Manifests.Service("a"));

        Assert.Equal(["delete Service infra/b"], ChangeText.Of(await source.Sink.NextSubmissionAsync()));
        Assert.Equal(new SinkCall.Reported(file, []).ToString(), (await source.Sink.NextAsync()).ToString());
    }

    [Fact]
    public async Task A_configmap_style_link_swap_submits_what_changed_and_reads_each_file_once()
    {
        // As the kubelet lays out a ConfigMap volume: key → ..data/key, ..data → ..<timestamp>, swapped by renaming a new link over ..data.
        folder.Write("..2026_12_03_09_00_00.1/services.yaml", Manifests.Documents(Manifests.Service("a"), Manifests.Service("b")));
        Directory.CreateSymbolicLink(folder["..data"], "..2026_12_03_09_00_00.1");
        File.CreateSymbolicLink(folder["services.yaml"], "..data/services.yaml");

        // The swap is four steps; a debounce longer than they take reads them as one change, as the kubelet's quick steps are.
        var options = new FileSourceOptions { Debounce = TimeSpan.FromMilliseconds(500) };
        var (source, start) = await RunningSource.StartSyncedAsync(options, folder.Path);
        await using var running = source;
        Assert.Equal(2, start.Count);
        Assert.Equal(["upsert Service infra/a", "upsert Service infra/b"], ChangeText.Of(Assert.IsType<SinkCall.Submitted>(start[0]).Changes));

        folder.Write("..2026_12_03_09_05_00.2/services.yaml", Manifests.Documents(Manifests.Service("a"), Manifests.Service("c")));
        Directory.CreateSymbolicLink(folder["..data_tmp"], "..2026_12_03_09_05_00.2");
        RenameOver(folder["..data_tmp"], folder["..data"]);
        Directory.Delete(folder["..2026_12_03_09_00_00.1"], recursive: true);

        Assert.Equal(["upsert Service infra/c", "delete Service infra/b"], ChangeText.Of(await source.Sink.NextSubmissionAsync()));
    }

    [Fact]
    public async Task A_file_in_a_linked_folder_outside_the_watched_one_is_followed()
    {
        using var elsewhere = new TemporaryFolder();
        elsewhere.Write("a.yaml", Manifests.Service("a"));
        Directory.CreateSymbolicLink(folder["linked"], elsewhere.Path);
        var options = new FileSourceOptions { Debounce = TimeSpan.FromMilliseconds(50), RescanInterval = TimeSpan.FromMilliseconds(200) };
        var (source, start) = await RunningSource.StartSyncedAsync(options, folder.Path);
        await using var running = source;
        Assert.Equal(["upsert Service infra/a"], ChangeText.Of(Assert.IsType<SinkCall.Submitted>(start[0]).Changes));

        elsewhere.Write("a.yaml", Manifests.Service("a", port: 8080));

        var changes = await source.Sink.NextSubmissionAsync();
        Assert.Equal(["upsert Service infra/a"], ChangeText.Of(changes));
        Assert.Equal(8080, ((V1Service)((ResourceChange.Upsert)changes[0]).Object).Spec.Ports[0].Port);
    }

    // rename(2) replaces a link to a folder atomically, as the kubelet does; .NET's Move refuses a source that is a
    // link to a folder, so mv -T (which calls rename(2)) does it.
    private static void RenameOver(string from, string to)
    {
        using var mv = System.Diagnostics.Process.Start("mv", ["-T", from, to]);
        mv.WaitForExit();
        Assert.Equal(0, mv.ExitCode);
    }
}
