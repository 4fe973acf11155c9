using k8s;
using RulesMesh.Loading;
using RulesMesh.Rules;

namespace RulesMesh.Server.Sources.Kubernetes;

/// <summary>What a <see cref="KubernetesSource"/> connects to, what it reads, and how it elects the status writer.</summary>
public sealed class KubernetesSourceOptions
{
    /// <summary>
    /// The client. A <see cref="k8s.Kubernetes"/> rather than <see cref="IKubernetes"/>: every kind is listed and watched
    /// by REST path through its HttpClient and credentials, so the JSON reaches the manifest loader unchanged.
    /// </summary>
    public required k8s.Kubernetes Client { get; init; }

    /// <summary>The kinds to read and their models: every kind in it is listed and watched at its hub version.</summary>
    public ModelRegistry Models { get; init; } = ModelRegistry.Default;

    /// <summary>
    /// The pipeline whose validation stage (Istio's webhook checks) objects must pass, as files must; its rules carry
    /// no profile, so the default profile's pipeline has them all.
    /// </summary>
    public RulePipeline? Validation { get; init; }

    /// <summary>The namespace of the leader election Lease.</summary>
    public string LeaseNamespace { get; init; } = "default";

    /// <summary>The name of the leader election Lease.</summary>
    public string LeaseName { get; init; } = "rulesmesh-status-writer";

    /// <summary>This replica's identity in the Lease: the host (in a cluster, the Pod) name and a random suffix, as client-go does.</summary>
    public string Identity { get; init; } = $"{Environment.MachineName}_{Guid.NewGuid():N}";

    /// <summary>How long a Lease holds without renewal before another replica may take it.</summary>
    public TimeSpan LeaseDuration { get; init; } = TimeSpan.FromSeconds(15);

    /// <summary>How long the leader keeps trying to renew before it gives leadership up.</summary>
    public TimeSpan RenewDeadline { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>How often candidates try to take the Lease and the leader renews it.</summary>
    public TimeSpan RetryPeriod { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>False: never write statuses nor take part in leader election (a read-only replica).</summary>
    public bool WriteStatuses { get; init; } = true;

    /// <summary>Waits between failed lists and watches.</summary>
    public WatchBackoff Backoff { get; init; } = WatchBackoff.Default;

    /// <summary>
    /// How many objects a list asks for at once (<c>limit</c>), following <c>metadata.continue</c> page by page, as
    /// client-go's pager does (with its default, 500): a big cluster's Pods in one response would be hundreds of MB held
    /// at once, and such a request may outlast the API server's or a proxy's timeout. Greater than 0.
    /// </summary>
    public int ListPageSize
    {
        get;
        init
        {
            ArgumentOutOfRangeException.ThrowIfNegativeOrZero(value);
            field = value;
        }
    } = 500;

    /// <summary>How long the API server keeps one watch open (<c>timeoutSeconds</c>) before it is started again from where it was.</summary>
    public TimeSpan WatchTimeout { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>
    /// Options for the cluster <paramref name="kubeconfigPath"/>'s current context names; the Lease goes in
    /// <paramref name="leaseNamespace"/>, else in that context's namespace.
    /// </summary>
    public static KubernetesSourceOptions FromKubeconfig(string kubeconfigPath, string? leaseNamespace = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(kubeconfigPath);
        var configuration = KubernetesClientConfiguration.BuildConfigFromConfigFile(kubeconfigPath);
        return For(configuration, leaseNamespace);
    }

    /// <summary>
    /// Options for the cluster this process runs in (its service account); the Lease goes in
    /// <paramref name="leaseNamespace"/>, else in the Pod's namespace.
    /// </summary>
    public static KubernetesSourceOptions InCluster(string? leaseNamespace = null) => For(KubernetesClientConfiguration.InClusterConfig(), leaseNamespace);

    private static KubernetesSourceOptions For(KubernetesClientConfiguration configuration, string? leaseNamespace)
        => new()
        {
            Client = new k8s.Kubernetes(configuration),
            LeaseNamespace = leaseNamespace ?? (string.IsNullOrEmpty(configuration.Namespace) ? "default" : configuration.Namespace),
        };
}
