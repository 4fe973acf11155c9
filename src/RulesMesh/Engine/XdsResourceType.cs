namespace RulesMesh.Engine;

/// <summary>The four xDS resource types a proxy receives, in the order Envoy wants them pushed.</summary>
public enum XdsResourceType
{
    /// <summary><c>envoy.config.cluster.v3.Cluster</c> (CDS).</summary>
    Cluster,

    /// <summary><c>envoy.config.endpoint.v3.ClusterLoadAssignment</c> (EDS), named after its cluster.</summary>
    Endpoint,

    /// <summary><c>envoy.config.listener.v3.Listener</c> (LDS).</summary>
    Listener,

    /// <summary><c>envoy.config.route.v3.RouteConfiguration</c> (RDS).</summary>
    Route,
}
