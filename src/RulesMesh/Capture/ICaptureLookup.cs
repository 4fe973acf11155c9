using RulesMesh.Mesh;

namespace RulesMesh.Capture;

/// <summary>Where a <see cref="CaptureResult"/> finds its Gateways, services and workloads: computed once (<see cref="CapturedObjects"/>) or per item by the engine.</summary>
internal interface ICaptureLookup
{
    IReadOnlyList<GatewayCapture> Gateways();

    IReadOnlyList<ServiceCapture> Services();

    IReadOnlyList<WorkloadCapture> Workloads();

    GatewayCapture? Gateway(NamespacedName name);

    ServiceCapture? Service(ObjectKey key);

    IReadOnlyList<ServiceCapture> ServicesNaming(NamespacedName waypoint);

    IReadOnlyList<WorkloadCapture> WorkloadsFor(NamespacedName waypoint);
}
