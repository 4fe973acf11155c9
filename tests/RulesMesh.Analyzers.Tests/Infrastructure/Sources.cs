namespace RulesMesh.Analyzers.Tests.Infrastructure;

/// <summary>Pieces of rule source that tests combine.</summary>
internal static class Sources
{
    public const string Usings = """
        using RulesMesh.Capture;
        using RulesMesh.Mesh;
        using RulesMesh.Naming;
        using RulesMesh.Rules;
        using RulesMesh.Rules.Declarative;
        using RulesMesh.ServiceModel;

        """;

    /// <summary>The profiles tests name besides RulesMesh's own, declared as a consumer declares its profiles.</summary>
    public const string ConsumerProfiles = """
        [assembly: RuleProfile("consumer")]
        [assembly: RuleProfile("a")]
        [assembly: RuleProfile("b")]

        """;

    /// <summary>A capture rule body: the class implements <c>IServiceCaptureRule</c>.</summary>
    public const string CaptureBody = """
        : IServiceCaptureRule
        {
            public CaptureVerdict Evaluate(MeshService service, RuleContext context) => CaptureVerdict.Abstain("no opinion");
        }
        """;

    /// <summary>A naming rule body: the class implements <c>IClusterNameRule</c>.</summary>
    public const string NamingBody = """
        : IClusterNameRule
        {
            public string ClusterName(BackendTarget target, RuleContext context) => null;
        }
        """;

    /// <summary>A validation rule body: the class implements <c>IObjectValidationRule</c>, which receives objects of any kind.</summary>
    public const string ValidationBody = """
        : RulesMesh.Validation.IObjectValidationRule
        {
            public void Validate(k8s.IKubernetesObject<k8s.Models.V1ObjectMeta> resource, RulesMesh.Validation.ValidationProblems problems)
            {
            }
        }
        """;
}
