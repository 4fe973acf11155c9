using System.Collections.Immutable;
using RulesMesh.Engine;
using RulesMesh.Mesh;
using RulesMesh.Server.Xds;

namespace RulesMesh.Server.Tests.Xds;

/// <summary>
/// Stands in for the control plane (Control/ControlPlane, another part of the server, computes the real snapshots with
/// the engine): it holds one <see cref="ResourceSet"/> per Gateway, set by the test, and gives a node that names no
/// Gateway it holds an empty snapshot with a warning. <see cref="SnapshotFor"/> returns null until <see cref="MakeReady"/>.
/// </summary>
internal sealed class TestSnapshotSource : IProxySnapshotSource, IDisposable
{
    public const string UnknownGatewayWarning = "the node names no Gateway this control plane serves";

    private readonly Lock _gate = new();
    private readonly SemaphoreSlim _reads = new(0);
    private readonly SemaphoreSlim _blocked = new(0);
    private readonly ManualResetEventSlim _open = new(initialState: true);
    private int _readCount;
    private ImmutableDictionary<NamespacedName, ResourceSet> _gateways = ImmutableDictionary<NamespacedName, ResourceSet>.Empty;
    private ImmutableList<string> _calls = [];
    private bool _ready = true;

    public event EventHandler? Changed;

    /// <summary>Connected and Disconnected calls in order, as <c>+id</c> and <c>-id</c>.</summary>
    public IReadOnlyList<string> Calls => _calls;

    /// <summary>How many times snapshots were read.</summary>
    public int ReadCount => Volatile.Read(ref _readCount);

    /// <summary>Holds every <see cref="SnapshotFor"/> call until <see cref="ResumeReads"/> (so change notices pile up).</summary>
    public void PauseReads() => _open.Reset();

    public void ResumeReads() => _open.Set();

    /// <summary>Waits until a read is held by <see cref="PauseReads"/>.</summary>
    public Task HeldReadAsync() => _blocked.WaitAsync(TimeSpan.FromSeconds(20));

    /// <summary>Snapshots are null (not ready) until <see cref="MakeReady"/>.</summary>
    public void MakeNotReady()
    {
        lock (_gate)
        {
            _ready = false;
        }
    }

    public void MakeReady()
    {
        lock (_gate)
        {
            _ready = true;
        }

        Changed?.Invoke(this, EventArgs.Empty);
    }

    /// <summary>Sets what <paramref name="gateway"/>'s proxies get and says so.</summary>
    public void Set(NamespacedName gateway, ResourceSet resources)
    {
        lock (_gate)
        {
            _gateways = _gateways.SetItem(gateway, resources);
        }

        Changed?.Invoke(this, EventArgs.Empty);
    }

    /// <summary>Waits until snapshots have been read <paramref name="count"/> more times (each request and each push reads one).</summary>
    public async Task ReadsAsync(int count)
    {
        for (var i = 0; i < count; i++)
        {
            await _reads.WaitAsync(TimeSpan.FromSeconds(20));
        }
    }

    public void Connected(ProxyNode node) => ImmutableInterlocked.Update(ref _calls, static (calls, id) => calls.Add("+" + id), node.Id);

    public void Disconnected(ProxyNode node) => ImmutableInterlocked.Update(ref _calls, static (calls, id) => calls.Add("-" + id), node.Id);

    public void Dispose()
    {
        _reads.Dispose();
        _blocked.Dispose();
        _open.Dispose();
    }

    public ProxySnapshot? SnapshotFor(ProxyNode node)
    {
        if (!_open.IsSet)
        {
            _blocked.Release();
            _open.Wait(TimeSpan.FromSeconds(20));
        }

        Interlocked.Increment(ref _readCount);
        try
        {
            lock (_gate)
            {
                if (!_ready)
                {
                    return null;
                }

                return node.Gateway is { } gateway && _gateways.TryGetValue(gateway, out var resources)
                    ? new ProxySnapshot(gateway.ToString(), resources, [])
                    : new ProxySnapshot("unknown", ResourceSet.Empty, [UnknownGatewayWarning]);
            }
        }
        finally
        {
            _reads.Release();
        }
    }
}
