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
}
