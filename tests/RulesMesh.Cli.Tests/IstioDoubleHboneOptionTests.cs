using RulesMesh.Cli.Tests.Support;
using RulesMesh.Loading;

namespace RulesMesh.Cli.Tests;

/// <summary><c>rulesmesh translate --istio-double-hbone</c>: the istio profile's double-HBONE resources (output spec §2.4) appear only with the switch.</summary>
public sealed class IstioDoubleHboneOptionTests
{
    private static List<string> ListenerNames(string[] arguments)
    {
        var run = CliRun.Of(arguments);
        Assert.True(run.ExitCode == 0, run.Describe());
        var document = ManifestReader.Read(run.Output, "out.yaml").Documents.Single().Json.AsObject();
        return [.. document["listeners"]!.AsArray().Select(static l => (string)l!["name"]!)];
    }

    [Fact]
    public void The_switch_adds_the_inner_and_outer_connect_originate_listeners()
    {
        var names = ListenerNames(["translate", "--profile", "istio", "--istio-double-hbone"]);

        Assert.Contains("inner_connect_originate", names);
        Assert.Contains("outer_connect_originate", names);
    }

    [Fact]
    public void Without_the_switch_there_are_none()
    {
        var names = ListenerNames(["translate", "--profile", "istio"]);

        Assert.Contains("connect_originate", names);
        Assert.DoesNotContain("inner_connect_originate", names);
    }

    [Fact]
    public void Istio_settings_given_with_another_profile_are_warned_about_not_silently_ignored()
    {
        var run = CliRun.Of(["translate", "--istio-double-hbone", "--service-entry-visibility", "Namespace"]);

        Assert.True(run.ExitCode == 0, run.Describe());
        Assert.Contains("warning: --istio-double-hbone has no effect with --profile kgateway; only the istio profile reads it.\n", run.Error, StringComparison.Ordinal);
        Assert.Contains("warning: --service-entry-visibility has no effect with --profile kgateway; only the istio profile reads it.\n", run.Error, StringComparison.Ordinal);
    }
}
