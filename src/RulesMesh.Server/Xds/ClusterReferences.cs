using Google.Protobuf;
using Google.Protobuf.Reflection;
using Google.Protobuf.WellKnownTypes;
using RulesMesh.Engine;
using RulesMesh.Xds;

namespace RulesMesh.Server.Xds;

/// <summary>
/// The cluster names a listener or route configuration sends traffic to: every string field named <c>cluster</c>
/// (route actions, TCP proxies, mirrors) and the <c>name</c> of every weighted cluster entry, looking inside
/// <see cref="Any"/> filter configurations. Names in other fields (stat prefixes, for example) are not references.
/// </summary>
internal static class ClusterReferences
{
    /// <summary>
    /// Of <paramref name="goneClusters"/> (clusters the proxy holds that <paramref name="snapshot"/> no longer has), those a
    /// listener or route the proxy holds still names, where the snapshot changes or drops that listener or route: they
    /// are removed only once the proxy has the listeners and routes that stop naming them.
    /// </summary>
    public static HashSet<string> StillNamed(IReadOnlyCollection<string> goneClusters, IEnumerable<(XdsResourceType Type, VersionedResource Resource)> heldListenersAndRoutes, ResourceSet snapshot)
    {
        var named = new HashSet<string>(StringComparer.Ordinal);
        if (goneClusters.Count == 0)
        {
            return named;
        }

        foreach (var (type, held) in heldListenersAndRoutes)
        {
            var unchanged = snapshot[type].TryGetValue(held.Name, out var current) && current.Version == held.Version;
            if (!unchanged)
            {
                AddTo(named, held.Resource);
            }
        }

        named.IntersectWith(goneClusters);
        return named;
    }

    /// <summary>Adds the clusters <paramref name="message"/> names to <paramref name="names"/>.</summary>
    public static void AddTo(ISet<string> names, IMessage message)
    {
        foreach (var field in message.Descriptor.Fields.InFieldNumberOrder())
        {
            var value = field.Accessor.GetValue(message);
            if (field.FieldType == FieldType.String)
            {
                AddNames(names, field, value);
            }
            else if (field.FieldType == FieldType.Message && !field.IsMap)
            {
                foreach (var child in field.IsRepeated ? ((System.Collections.IEnumerable)value).Cast<IMessage>() : value is IMessage one ? [one] : [])
                {
                    AddTo(names, Unpacked(child));
                }
            }
        }
    }

    private static void AddNames(ISet<string> names, FieldDescriptor field, object value)
    {
        var isReference = field.Name == "cluster" || (field.Name == "name" && field.ContainingType.Name == "ClusterWeight");
        if (!isReference)
        {
            return;
        }

        foreach (var name in field.IsRepeated ? ((System.Collections.IEnumerable)value).Cast<string>() : [(string)value])
        {
            if (name.Length > 0)
            {
                names.Add(name);
            }
        }
    }

    // A filter configuration of a type this build does not know cannot name a cluster we could find: it is skipped.
    private static IMessage Unpacked(IMessage message)
        => message is Any any && EnvoyJson.TypeRegistry.Find(Any.GetTypeName(any.TypeUrl)) is { } descriptor
            ? descriptor.Parser.ParseFrom(any.Value)
            : message;
}
