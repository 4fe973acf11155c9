using System.Net.Http.Headers;
using k8s.Authentication;
using k8s.Exceptions;

namespace RulesMesh.Server.Tests.Kubernetes;

/// <summary>
/// Credentials whose refresh fails as a kubeconfig exec plugin's does (aws eks get-token, gke-gcloud-auth-plugin, …
/// exiting non-zero): KubernetesClient's exec token provider throws <see cref="KubeConfigException"/>.
/// </summary>
internal sealed class FailingTokenProvider : ITokenProvider
{
    private int _failuresLeft;
    private volatile bool _failing;

    /// <summary>The next <paramref name="count"/> refreshes fail.</summary>
    public void FailNext(int count) => Volatile.Write(ref _failuresLeft, count);

    /// <summary>While true, every refresh fails.</summary>
    public bool Failing
    {
        get => _failing;
        set => _failing = value;
    }

    /// <inheritdoc />
    public Task<AuthenticationHeaderValue> GetAuthenticationHeaderAsync(CancellationToken cancellationToken)
    {
        if (_failing || Interlocked.Decrement(ref _failuresLeft) >= 0)
        {
            throw new KubeConfigException("exec: executable aws failed with exit code 255");
        }

        return Task.FromResult(new AuthenticationHeaderValue("Bearer", "token"));
    }
}
