namespace RulesMesh.Server.Hosting;

/// <summary>
/// Which of the server's two endpoints a connection came in on, put in the connection's items by Kestrel connection
/// middleware, so an admin path is not served on the xDS port nor the xDS service on the admin port.
/// </summary>
internal enum ListenerKind
{
    /// <summary>The xDS gRPC endpoint.</summary>
    Xds,

    /// <summary>The health, readiness, metrics and debug endpoint.</summary>
    Admin,
}
