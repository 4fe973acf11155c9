using RulesMesh.Engine;

namespace RulesMesh.Tests.Engine;

/// <summary>The readers a dependency keeps, as they go from one to a few (an array) to many (a hash set) and back.</summary>
public sealed class DependencyReadersTests
{
    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    [InlineData(5)]
    [InlineData(8)]
    [InlineData(9)]
    [InlineData(20)]
    public void Each_reader_is_kept_once_however_often_it_reads(int count)
    {
        var dependency = new TestDependency();
        var readers = Readers(count);
        foreach (var reader in readers.Concat(readers))
        {
            dependency.AddReader(reader);
        }

        var kept = Enumerate(dependency);
        Assert.Equal(count, kept.Count);
        Assert.Equal(readers.ToHashSet(), kept.ToHashSet());
        Assert.True(dependency.HasReaders);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(4)]
    [InlineData(5)]
    [InlineData(9)]
    public void Removing_a_reader_keeps_the_others_until_the_last_is_gone(int count)
    {
        var dependency = new TestDependency();
        var readers = Readers(count);
        foreach (var reader in readers)
        {
            dependency.AddReader(reader);
        }

        Assert.False(dependency.RemoveReader(new TestItem("never read")));
        var left = readers.ToList();
        foreach (var reader in readers.Skip(count / 2).Concat(readers.Take(count / 2)))
        {
            Assert.True(dependency.RemoveReader(reader));
            Assert.False(dependency.RemoveReader(reader));
            left.Remove(reader);
            Assert.Equal(left.ToHashSet(), Enumerate(dependency).ToHashSet());
            Assert.Equal(left.Count > 0, dependency.HasReaders);
        }

        // A reader that comes back after all left is kept again.
        dependency.AddReader(readers[0]);
        Assert.Equal([readers[0]], Enumerate(dependency));
    }

    [Fact]
    public void A_few_readers_are_enumerated_in_the_order_they_first_read_after_one_left()
    {
        var dependency = new TestDependency();
        var readers = Readers(5);
        foreach (var reader in readers)
        {
            dependency.AddReader(reader);
        }

        dependency.RemoveReader(readers[1]);
        dependency.AddReader(readers[1]);

        Assert.Equal([readers[0], readers[2], readers[3], readers[4], readers[1]], Enumerate(dependency));
    }

    private static List<DerivedItem> Readers(int count) => [.. Enumerable.Range(0, count).Select(static i => new TestItem($"reader {i}"))];

    private static List<DerivedItem> Enumerate(Dependency dependency)
    {
        var readers = new List<DerivedItem>();
        foreach (var reader in dependency.Readers)
        {
            readers.Add(reader);
        }

        return readers;
    }

    private sealed class TestDependency : Dependency;

    private sealed class TestItem(string key) : KeyedItem<string>(key, ItemOrder.Indexes)
    {
        public override ItemOrder Order => ItemOrder.Of(Stage);

        public override object? Compute(ItemFrame frame) => null;
    }
}
