namespace RulesMesh.Store;

/// <summary>Told of every read made through a tracked <see cref="ResourceStore"/> view, so what was computed from the reads can be recomputed when they change.</summary>
public interface IStoreReadTracker
{
    /// <summary>Records <paramref name="read"/>.</summary>
    void Read(StoreRead read);
}
