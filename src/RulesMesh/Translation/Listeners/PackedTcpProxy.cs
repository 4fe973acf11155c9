using Google.Protobuf;
using Google.Protobuf.WellKnownTypes;

namespace RulesMesh.Translation.Listeners;

/// <summary>
/// The packed TCP proxy of a waypoint TCP chain (<see cref="WaypointFilters.TcpProxy"/>), written as serialising the
/// message writes it: the stat prefix (1) unless empty, then the cluster (2), a oneof member, so written even when
/// empty. A chain costs one byte array, not a TCP proxy message and a serialisation of it.
/// </summary>
internal sealed class PackedTcpProxy(PackedType type)
{
    private const int StatPrefixField = 1;
    private const int ClusterField = 2;

    /// <summary>The TCP proxy to <paramref name="cluster"/> with stat prefix <paramref name="statPrefix"/>, packed.</summary>
    public Any Pack(string statPrefix, string cluster)
    {
        var size = (statPrefix.Length == 0 ? 0 : CodedOutputStream.ComputeTagSize(StatPrefixField) + CodedOutputStream.ComputeStringSize(statPrefix))
            + CodedOutputStream.ComputeTagSize(ClusterField) + CodedOutputStream.ComputeStringSize(cluster);
        var bytes = new byte[size];
        var output = new CodedOutputStream(bytes);
        if (statPrefix.Length > 0)
        {
            output.WriteTag(StatPrefixField, WireFormat.WireType.LengthDelimited);
            output.WriteString(statPrefix);
        }

        output.WriteTag(ClusterField, WireFormat.WireType.LengthDelimited);
        output.WriteString(cluster);
        output.CheckNoSpaceLeft();
        // The array is written here and nowhere else: wrapped, not copied.
        return new Any { TypeUrl = type.TypeUrl, Value = UnsafeByteOperations.UnsafeWrap(bytes) };
    }
}
