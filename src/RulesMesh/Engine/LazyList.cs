using System.Collections;

namespace RulesMesh.Engine;

/// <summary>A list made on first use, so a computation that never looks at it does not depend on it.</summary>
internal sealed class LazyList<T>(Func<IReadOnlyList<T>> make) : IReadOnlyList<T>
{
    private IReadOnlyList<T>? _items;

    private IReadOnlyList<T> Items => _items ??= make();

    public int Count => Items.Count;

    public T this[int index] => Items[index];

    public IEnumerator<T> GetEnumerator() => Items.GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
