using RulesMesh.Server.Hosting;

namespace RulesMesh.Cli.Commands;

/// <summary>What <c>rulesmesh serve</c> was asked to do, checked.</summary>
/// <param name="Server">The xDS and admin endpoints and TLS.</param>
/// <param name="Profile">The rule profile.</param>
/// <param name="Source">Where the objects come from.</param>
/// <param name="Debounce">How long changes settle before they are read and before the engine steps.</param>
internal sealed record ServeSettings(ServeOptions Server, string Profile, ServeSource Source, TimeSpan Debounce);

/// <summary>Where <c>rulesmesh serve</c> reads objects from: files and folders, a kubeconfig's cluster, or the cluster it runs in.</summary>
internal abstract record ServeSource
{
    private ServeSource()
    {
    }

    /// <summary>Watched files and folders (full paths).</summary>
    public sealed record Files(IReadOnlyList<string> Paths) : ServeSource;

    /// <summary>The cluster a kubeconfig file's current context names.</summary>
    public sealed record Kubeconfig(string Path) : ServeSource;

    /// <summary>The cluster this process runs in, through its service account.</summary>
    public sealed record InCluster : ServeSource;
}
