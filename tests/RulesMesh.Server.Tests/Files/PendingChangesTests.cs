using RulesMesh.Server.Sources.Files;

namespace RulesMesh.Server.Tests.Files;

/// <summary>The per-file debounce, on given times (nothing here waits).</summary>
public sealed class PendingChangesTests
{
    private static readonly DateTimeOffset T0 = new(2026, 12, 3, 9, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan Debounce = TimeSpan.FromMilliseconds(100);

    [Fact]
    public void A_file_is_due_once_it_has_been_quiet_for_the_debounce_and_a_new_notice_puts_it_back()
    {
        var pending = new PendingChanges(Debounce);
        pending.File("/w/a.yaml", T0);
        pending.File("/w/a.yaml", T0.AddMilliseconds(80));

        Assert.Equal(T0.AddMilliseconds(180), pending.NextDue);
        var early = pending.TakeDue(T0.AddMilliseconds(150));
        Assert.False(early.Any);
        Assert.Equal(["/w/a.yaml"], early.StillSettling);

        var due = pending.TakeDue(T0.AddMilliseconds(180));
        Assert.Equal(["/w/a.yaml"], due.Files);
        Assert.Empty(due.StillSettling);
        Assert.Null(pending.NextDue);
    }

    [Fact]
    public void Files_settle_each_on_its_own_and_one_still_being_written_is_left_alone()
    {
        var pending = new PendingChanges(Debounce);
        pending.File("/w/a.yaml", T0);
        pending.File("/w/b.yaml", T0.AddMilliseconds(90));

        var due = pending.TakeDue(T0.AddMilliseconds(120));

        Assert.Equal(["/w/a.yaml"], due.Files);
        Assert.False(due.Folders);
        Assert.Equal(["/w/b.yaml"], due.StillSettling);
        Assert.Equal(T0.AddMilliseconds(190), pending.NextDue);
    }

    [Fact]
    public void A_file_written_without_pause_is_due_after_ten_debounce_times()
    {
        var pending = new PendingChanges(Debounce);
        for (var ms = 0; ms <= 990; ms += 90)
        {
            pending.File("/w/a.yaml", T0.AddMilliseconds(ms));
        }

        Assert.Equal(T0.AddMilliseconds(1000), pending.NextDue);
        Assert.Equal(["/w/a.yaml"], pending.TakeDue(T0.AddMilliseconds(1000)).Files);
    }

    [Fact]
    public void A_folder_notice_settles_like_a_file_and_then_has_every_file_read()
    {
        var pending = new PendingChanges(Debounce);
        pending.Folder(T0);
        pending.Folder(T0.AddMilliseconds(50));

        Assert.False(pending.TakeDue(T0.AddMilliseconds(100)).Folders);
        var due = pending.TakeDue(T0.AddMilliseconds(150));
        Assert.True(due.Folders);
        Assert.True(due.Any);
        Assert.Empty(due.Files);
    }
}
