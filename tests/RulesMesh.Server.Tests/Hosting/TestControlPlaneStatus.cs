using RulesMesh.Server.Control;

namespace RulesMesh.Server.Tests.Hosting;

/// <summary>Stands in for the control plane's status (Control/ControlPlane provides the real one): set by the test.</summary>
internal sealed class TestControlPlaneStatus : IControlPlaneStatus
{
    public volatile bool Ready;

    public bool IsReady => Ready;

    public IReadOnlyList<SourceStatus> Sources { get; set; } = [];
}
