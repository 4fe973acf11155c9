namespace RulesMesh.Cli.Commands;

/// <summary>Where <c>rulesmesh serve</c> reads objects from: files and folders, a kubeconfig's cluster, or the cluster it runs in.</summary>
internal abstract record ServeSource
{
    private ServeSource()
    {
    }

    /// <summary>Watched files and folders (full paths).</summary>
    public sealed record Files(IReadOnlyList<string> Paths) : ServeSource;

    /// <summary>The cluster a kubeconfig file's current context names; the status writer's Lease in <paramref name="LeaseNamespace"/>, else the context's namespace.</summary>
    public sealed record Kubeconfig(string Path, string? LeaseNamespace) : ServeSource;

    /// <summary>The cluster this process runs in, through its service account; the Lease in <paramref name="LeaseNamespace"/>, else the Pod's namespace.</summary>
    public sealed record InCluster(string? LeaseNamespace) : ServeSource;
}
