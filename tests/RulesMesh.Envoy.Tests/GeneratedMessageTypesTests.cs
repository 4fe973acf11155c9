using Google.Protobuf.Reflection;

namespace RulesMesh.Xds.Tests;

/// <summary>
/// <see cref="EnvoyJson.FindMessageType"/> looks a name up through the class protoc generated for it before building
/// every file's descriptor; what it finds must be what <see cref="EnvoyJson.TypeRegistry"/> finds, for every type.
/// </summary>
public sealed class GeneratedMessageTypesTests
{
    private static readonly IReadOnlyList<MessageDescriptor> AllMessageTypes = EnvoyJson.Files
        .SelectMany(static f => f.Dependencies.Append(f))
        .Distinct()
        .SelectMany(static f => WithNested(f.MessageTypes))
        .ToList();

    [Fact]
    public void Every_message_type_is_found_by_its_generated_class_as_the_registry_finds_it_or_not_at_all()
    {
        Assert.NotEmpty(AllMessageTypes);
        foreach (var type in AllMessageTypes)
        {
            var found = GeneratedMessageTypes.Find(type.FullName);
            Assert.True(found is null || ReferenceEquals(found, EnvoyJson.TypeRegistry.Find(type.FullName)), type.FullName);
        }
    }

    [Fact]
    public void Every_message_type_of_a_file_without_its_own_csharp_namespace_is_found_by_its_generated_class()
    {
        var missed = AllMessageTypes
            .Where(static t => t.File.GetOptions() is not { HasCsharpNamespace: true } options || options.CsharpNamespace == typeof(Google.Protobuf.WellKnownTypes.Any).Namespace)
            .Where(static t => t.GetOptions() is not { MapEntry: true }) // map entries have no class of their own
            .Where(static t => GeneratedMessageTypes.Find(t.FullName) is null)
            .Select(static t => t.FullName)
            .ToList();

        Assert.Empty(missed);
    }

    [Fact]
    public void A_name_with_no_generated_class_is_not_found()
    {
        Assert.Null(GeneratedMessageTypes.Find("envoy.config.cluster.v3.NoSuchMessage"));
        Assert.Null(GeneratedMessageTypes.Find("NoPackage"));
        Assert.Null(GeneratedMessageTypes.Find(""));
    }

    private static IEnumerable<MessageDescriptor> WithNested(IEnumerable<MessageDescriptor> types)
        => types.SelectMany(static t => WithNested(t.NestedTypes).Prepend(t));
}
