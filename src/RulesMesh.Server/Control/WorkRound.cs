using System.Threading.Channels;
using RulesMesh.Engine;
using RulesMesh.Server.Sources;

namespace RulesMesh.Server.Control;

/// <summary>The work the writer loop coalesces into one engine step: every batch in arrival order, syncs, attaches and detaches.</summary>
internal sealed class WorkRound
{
    /// <summary>Every change, in the order sources submitted them (a later change to an object wins).</summary>
    public List<ResourceChange> Changes { get; } = [];

    /// <summary>How many changes each source submitted.</summary>
    public Dictionary<string, int> ChangesBySource { get; } = new(StringComparer.Ordinal);

    /// <summary>Sources whose initial state is in.</summary>
    public List<IConfigurationSource> Synced { get; } = [];

    /// <summary>Clients of proxies connected.</summary>
    public List<ProxyClient> Attached { get; } = [];

    /// <summary>Clients of proxies gone.</summary>
    public List<ProxyClient> Detached { get; } = [];

    /// <summary>Takes everything <paramref name="reader"/> has now.</summary>
    public void Take(ChannelReader<ControlPlaneWork> reader)
    {
        while (reader.TryRead(out var work))
        {
            switch (work)
            {
                case ControlPlaneWork.Changes changes:
                    Changes.AddRange(changes.Batch);
                    ChangesBySource[changes.Source.Name] = ChangesBySource.GetValueOrDefault(changes.Source.Name) + changes.Batch.Count;
                    break;
                case ControlPlaneWork.Synced synced:
                    Synced.Add(synced.Source);
                    break;
                case ControlPlaneWork.Attach attach:
                    Attached.Add(attach.Client);
                    break;
                case ControlPlaneWork.Detach detach:
                    Detached.Add(detach.Client);
                    break;
                case ControlPlaneWork.Start:
                    break;
            }
        }
    }
}
