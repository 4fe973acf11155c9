using RulesMesh.Loading;

namespace RulesMesh.Tests.Loading;

public sealed class FieldPathTests
{
    [Theory]
    [InlineData("$.spec.ports[0].number", "spec.ports[0].number")]
    [InlineData("$.metadata.labels['app.kubernetes.io/name']", "metadata.labels['app.kubernetes.io/name']")]
    [InlineData("$.metadata.annotations['it's']", "metadata.annotations['it's']")]
    [InlineData("$['a.b'].c", "['a.b'].c")]
    [InlineData("$[3]", "[3]")]
    [InlineData("$.a-b_c.@type", "a-b_c.@type")]
    [InlineData("$", "")]
    public void SystemTextJsonPathsBecomeFieldPaths(string jsonPath, string fieldPath)
        => Assert.Equal(fieldPath, FieldPath.FromJsonPath(jsonPath));

    [Fact]
    public void NamesThatAreNotPlainAreQuoted()
    {
        Assert.Equal("metadata.labels['app.kubernetes.io/name']", FieldPath.Property(FieldPath.Property("metadata", "labels"), "app.kubernetes.io/name"));
        Assert.Equal("['']", FieldPath.Property(FieldPath.Root, string.Empty));
        Assert.Equal("spec.ports[2]", FieldPath.Index(FieldPath.Property("spec", "ports"), 2));
    }

    [Fact]
    public void AncestorsRunFromTheRootToThePathItself()
        => Assert.Equal(
            ["", "spec", "spec.ports", "spec.ports[0]", "spec.ports[0]['x.y']"],
            FieldPath.Ancestors("spec.ports[0]['x.y']"));
}
