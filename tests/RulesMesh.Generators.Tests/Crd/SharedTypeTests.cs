using System.Globalization;
using RulesMesh.Generators.Tests.Infrastructure;

namespace RulesMesh.Generators.Tests.Crd;

/// <summary>Structurally identical sub-schemas of one kind and version share one generated type where their names allow it.</summary>
public sealed class SharedTypeTests
{
    [Fact]
    public void Same_shaped_objects_whose_names_end_alike_share_one_type_named_after_the_common_words()
    {
        var shape = "{type: object, properties: {timeout: {type: string}}}";
        var properties = $"inboundPolicy: {shape}\noutboundPolicy: {shape}\ninbound: {shape}";

        var result = ModelGeneratorHarness.Run([TestCrds.File("widgets.yaml", TestCrds.Crd("Widget", properties))]);

        Assert.Empty(result.GeneratorDiagnostics);
        var source = result.Source("example.com.v1.Widget.g.cs");
        Assert.Contains("public WidgetPolicy? InboundPolicy", source);
        Assert.Contains("public WidgetPolicy? OutboundPolicy", source);
        Assert.Contains("public WidgetInbound? Inbound", source);
        Assert.DoesNotContain("class WidgetInboundPolicy", source);
        Assert.Empty(result.CompileErrors);
    }

    [Fact]
    public void A_nested_type_never_takes_the_name_of_its_kinds_readers_class()
    {
        // spec.readers would be named WidgetReaders (children of spec drop "Spec"), the name of the kind's readers class.
        var properties = "readers: {type: object, properties: {count: {type: integer}}}";

        var result = ModelGeneratorHarness.Run([TestCrds.File("widgets.yaml", TestCrds.Crd("Widget", properties))]);

        var renamed = Assert.Single(result.GeneratorDiagnostics);
        Assert.Equal("RM0004", renamed.Id);
        Assert.Contains("generated as 'WidgetReaders2'", renamed.GetMessage(CultureInfo.InvariantCulture), StringComparison.Ordinal);
        Assert.Contains("public WidgetReaders2? Readers", result.Source("example.com.v1.Widget.g.cs"));
        Assert.Contains("static partial class WidgetReaders", result.Source("example.com.v1.Widget.Readers.g.cs"));
        Assert.Empty(result.CompileErrors);
    }
}
