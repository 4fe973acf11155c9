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
    public void A_logger_category_is_said_as_its_last_name_in_lower_case_words(string category, string words)
        => Assert.Equal(words, ServeLogFormatter.Speaker(category));
}
