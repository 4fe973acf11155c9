using k8s;
using k8s.Models;
using RulesMesh.Mesh;
using RulesMesh.Rules;
using RulesMesh.ServiceModel;
using RulesMesh.Tests.Capture;

namespace RulesMesh.Tests.ServiceModel;

/// <summary>Models one manifest through the default pipeline, as the capture does, so the rules' AppliesTo checks run too.</summary>
internal static class ServiceModelHarness
{
    public static MeshService Model(string yaml, EngineSettings? settings = null)
    {
        var resource = Assert.Single(MeshManifests.Load(yaml).Resources).Object;
        var context = new RuleContext(settings ?? new EngineSettings(), new Dictionary<string, V1Namespace>());
        return WaypointPipelines.Create().Stage<IServiceModelRule<IKubernetesObject<V1ObjectMeta>>>().Build(resource, context)
            ?? throw new Xunit.Sdk.XunitException($"No service-model rule built a service from the {resource.Kind}.");
    }
}
