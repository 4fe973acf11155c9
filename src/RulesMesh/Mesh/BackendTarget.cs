using System.Collections.Frozen;

namespace RulesMesh.Mesh;

/// <summary>What a cluster is built for: one service, one port and, for a ServiceEntry, one host.</summary>
/// <param name="Service">The object the backend comes from.</param>
/// <param name="Port">The service port.</param>
/// <param name="Host">The hostname: the ServiceEntry host, or the Service's cluster FQDN.</param>
public sealed record BackendTarget(ObjectKey Service, int Port, string Host) : IRuleSubject
{
    // Naming rules' AppliesTo checks the service's kind; a target carries no labels or annotations of its own.
    private static readonly IReadOnlyDictionary<string, string> None = FrozenDictionary<string, string>.Empty;

    ObjectKey IRuleSubject.Key => Service;

    IReadOnlyDictionary<string, string> IRuleSubject.Labels => None;

    IReadOnlyDictionary<string, string> IRuleSubject.Annotations => None;
}
