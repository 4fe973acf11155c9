namespace RulesMesh.Server.Sources;

/// <summary>
/// Where objects come from while serving: watched files and folders, or a Kubernetes API server. A source runs until
/// cancelled and reports what it sees to an <see cref="IChangeSink"/>; it never translates anything itself.
/// </summary>
public interface IConfigurationSource
{
    /// <summary>A short name for logs, metrics and <c>/debug/sources</c> (<c>files</c>, <c>kubernetes</c>).</summary>
    string Name { get; }

    /// <summary>Lists the initial state, submits it, marks itself synced, then follows changes until cancelled.</summary>
    Task RunAsync(IChangeSink sink, CancellationToken cancellationToken);
}
