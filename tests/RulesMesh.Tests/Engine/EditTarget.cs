namespace RulesMesh.Tests.Engine;

/// <summary>What a generated edit works on: a kind the engine reads, a deleted object to bring back, or nothing at all.</summary>
internal enum EditTarget
{
    Service,
    ServiceEntry,
    Namespace,
    Gateway,
    GatewayClass,
    Pod,
    WorkloadEntry,
    EndpointSlice,
    Node,
    DestinationRule,
    AuthorizationPolicy,
    HttpRoute,
    GrpcRoute,
    ReferenceGrant,
    BackendConfigPolicy,
    BackendTlsPolicy,

    /// <summary>Brings back an object deleted earlier, as it was.</summary>
    Restore,

    /// <summary>An edit that changes nothing a translation reads (the change set must be empty).</summary>
    NoChange,
}
