using RulesMesh.Cli.Output;

namespace RulesMesh.Cli.Tests;

public sealed class ServeLogFormatterTests
{
    [Theory]
    [InlineData("RulesMesh.Server.Control.ControlPlane", "control plane")]
    [InlineData("RulesMesh.Server.Sources.Files.FileSource", "file source")]
    [InlineData("RulesMesh.Server.Xds.XdsServer", "xds server")]
    [InlineData("RulesMesh.Server.Xds.ADSServer", "ads server")]
    [InlineData("Microsoft.Hosting.Lifetime", "lifetime")]
    [InlineData("Startup", "startup")]
    [InlineData("RulesMesh.Server.Cache<RulesMesh.Mesh.ObjectKey>", "cache")]
    public void A_logger_category_is_said_as_its_last_name_in_lower_case_words(string category, string words)
        => Assert.Equal(words, ServeLogFormatter.Speaker(category));

    // A watched file's problems come as "...:\n<problem>": the problem must not pass for a log entry of its own.
    [Fact]
    public void A_message_of_several_lines_continues_indented_and_other_control_characters_are_escaped()
        => Assert.Equal(
            "mesh.yaml has problems:\n    mesh.yaml:3:1: error\\u000d\n    2026-12-05T10:00:00.000Z info: forged",
            ServeLogFormatter.Indented("mesh.yaml has problems:\nmesh.yaml:3:1: error\r\n2026-12-05T10:00:00.000Z info: forged"));

    [Fact]
    public void A_message_of_one_line_is_written_as_it_is()
        => Assert.Equal("Ready: every source synced", ServeLogFormatter.Indented("Ready: every source synced"));
}
