using RulesMesh.Loading;

namespace RulesMesh.Tests.Loading;

public sealed class Yaml11ReadingWarningTests
{
    [Theory]
    [InlineData("010", "Kubernetes reads 010 as the octal number 8 (YAML 1.1), not 10 as read here; write the number without leading zeros, or quote it if a string is meant.")]
    [InlineData("-0755", "Kubernetes reads -0755 as the octal number -493 (YAML 1.1), not -755 as read here; write the number without leading zeros, or quote it if a string is meant.")]
    [InlineData("yes", "Kubernetes reads yes as the boolean true (YAML 1.1), not the string \"yes\" read here; quote it to keep the string everywhere.")]
    [InlineData("Off", "Kubernetes reads Off as the boolean false (YAML 1.1), not the string \"Off\" read here; quote it to keep the string everywhere.")]
    [InlineData("n", "Kubernetes reads n as the boolean false (YAML 1.1), not the string \"n\" read here; quote it to keep the string everywhere.")]
    public void APlainScalarKubernetesReadsDifferentlyIsAWarningAtItsPosition(string scalar, string message)
    {
        var read = ManifestReader.Read($"a: 1\nvalue: {scalar}\n", "yaml11.yaml");

        var warning = Assert.Single(read.Warnings);
        Assert.Equal($"yaml11.yaml:2:8: warning: {message}", warning.ToString());
        Assert.Empty(read.Errors);
    }

    [Theory]
    [InlineData("\"010\"")]
    [InlineData("'yes'")]
    [InlineData("007")]
    [InlineData("0")]
    [InlineData("10")]
    [InlineData("true")]
    [InlineData("yesterday")]
    [InlineData("!!str on")]
    public void ScalarsBothReadersReadAlikeGetNoWarning(string scalar)
        => Assert.Empty(ManifestReader.Read($"value: {scalar}\n", "same.yaml").Warnings);

    [Fact]
    public void TheLoaderPassesTheWarningsOnAndStillLoadsTheObject()
    {
        var result = new ManifestLoader().LoadText("apiVersion: v1\nkind: Service\nmetadata:\n  name: web\n  namespace: shop\nspec:\n  ports:\n  - port: 010\n", "svc.yaml");

        Assert.Single(result.Resources);
        Assert.Contains("octal number 8", Assert.Single(result.Diagnostics).Message, StringComparison.Ordinal);
        Assert.False(result.HasErrors);
    }
}
