namespace RulesMesh.Rules;

/// <summary>The stages of the waypoint pipeline. A rule's stage is that of the stage contract it implements.</summary>
public enum RuleStage
{
    /// <summary>Which Gateways are waypoints, and which services each one captures.</summary>
    Capture,

    /// <summary>How a Kubernetes object becomes a <see cref="Mesh.MeshService"/>.</summary>
    ServiceModel,

    /// <summary>How a service becomes backends and endpoints.</summary>
    Backends,

    /// <summary>How routes attach to services and become route rules.</summary>
    Routes,

    /// <summary>Which Gateway listeners a waypoint serves, and their status.</summary>
    Listeners,

    /// <summary>Names of Envoy resources (clusters, chains, virtual hosts).</summary>
    Naming,

    /// <summary>Policies such as AuthorizationPolicy.</summary>
    Policy,

    /// <summary>Whether an object is valid beyond its schema, as an admission webhook would check it.</summary>
    Validation,
}
