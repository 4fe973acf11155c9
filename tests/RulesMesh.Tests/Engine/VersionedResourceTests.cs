using System.IO.Hashing;
using Envoy.Config.Cluster.V3;
using Google.Protobuf;
using Google.Protobuf.WellKnownTypes;
using RulesMesh.Engine;

namespace RulesMesh.Tests.Engine;

/// <summary>
/// A resource versioned while kept serialised (<see cref="VersionedResource.Serialize"/>) is the resource versioned as
/// a message: the same version (the XxHash3 of its bytes), the same packing, an equal message when asked for.
/// </summary>
public sealed class VersionedResourceTests
{
    private static Cluster Cluster() => new() { Name = "kube_ns_svc_80", Type = Envoy.Config.Cluster.V3.Cluster.Types.DiscoveryType.Eds, ConnectTimeout = new Duration { Seconds = 5 } };

    [Fact]
    public void A_serialised_resource_has_the_hash_of_its_bytes_as_its_version_as_a_message_has()
    {
        var expected = XxHash3.HashToUInt64(Cluster().ToByteArray()).ToString("x16", System.Globalization.CultureInfo.InvariantCulture);

        Assert.Equal(expected, VersionedResource.Serialize("c", Cluster()).Version);
        Assert.Equal(expected, VersionedResource.Of("c", Cluster()).Version);
        Assert.Equal(VersionedResource.Of("c", Cluster()), VersionedResource.Serialize("c", Cluster()));
    }

    [Fact]
    public void A_serialised_resource_is_packed_and_read_back_as_the_message()
    {
        var resource = VersionedResource.Serialize("c", Cluster());

        Assert.Equal(Any.Pack(Cluster()), resource.Packed);
        Assert.Equal(Cluster(), resource.Resource);
        Assert.Same(resource.Resource, resource.Resource);
    }

    [Fact]
    public void A_message_changed_after_it_was_versioned_serialised_does_not_change_the_resource()
    {
        var cluster = Cluster();
        var resource = VersionedResource.Serialize("c", cluster);
        cluster.Name = "changed";

        Assert.Equal(Cluster(), resource.Resource);
    }

    [Fact]
    public void Resources_have_the_same_content_when_name_and_message_are_equal_however_each_is_kept()
    {
        var changed = Cluster();
        changed.ConnectTimeout = new Duration { Seconds = 6 };

        Assert.True(VersionedResource.Serialize("c", Cluster()).SameContent(VersionedResource.Serialize("c", Cluster())));
        Assert.True(VersionedResource.Serialize("c", Cluster()).SameContent(VersionedResource.Of("c", Cluster())));
        Assert.False(VersionedResource.Serialize("c", Cluster()).SameContent(VersionedResource.Serialize("c", changed)));
        Assert.False(VersionedResource.Serialize("c", Cluster()).SameContent(VersionedResource.Serialize("d", Cluster())));
    }
}
