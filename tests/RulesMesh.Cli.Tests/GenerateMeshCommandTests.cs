using RulesMesh.Cli.Tests.Support;
using RulesMesh.Loading;

namespace RulesMesh.Cli.Tests;

/// <summary><c>rulesmesh generate-mesh</c>: the same options give the same mesh, and it loads without errors.</summary>
public sealed class GenerateMeshCommandTests
{
    private static readonly string[] Small = ["generate-mesh", "--services", "4", "--service-entries", "4", "--workloads", "40", "--waypoints", "2"];

    [Fact]
    public void The_same_options_give_the_same_mesh()
    {
        Assert.Equal(CliRun.Of(Small).Output, CliRun.Of(Small).Output);
    }

    [Fact]
    public void The_mesh_loads_without_errors_and_has_the_asked_for_counts()
    {
        var load = new ManifestLoader().LoadText(CliRun.Of(Small).Output, "mesh.yaml");

        Assert.Empty(load.Diagnostics);
        var kinds = load.Resources.GroupBy(r => r.Object.Kind).ToDictionary(g => g.Key, g => g.Count());
        Assert.Equal(4, kinds["Service"]);
        Assert.Equal(4, kinds["ServiceEntry"]);
        Assert.Equal(2, kinds["Gateway"]);
        Assert.Equal(40, kinds["Pod"] + kinds["WorkloadEntry"]);
    }

    [Fact]
    public void A_negative_count_is_a_usage_error()
    {
        Assert.Equal(2, CliRun.Of(["generate-mesh", "--services", "-1"]).ExitCode);
    }
}
