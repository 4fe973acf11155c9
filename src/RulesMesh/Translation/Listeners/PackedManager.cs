using Envoy.Config.Core.V3;
using Envoy.Extensions.Filters.Network.HttpConnectionManager.V3;
using Google.Protobuf;
using Google.Protobuf.WellKnownTypes;

namespace RulesMesh.Translation.Listeners;

/// <summary>
/// The packed HTTP connection manager of a waypoint chain (<see cref="WaypointFilters.HttpConnectionManager"/>), written
/// field by field in field-number order, as serialising the message writes it: stat prefix <c>http</c> (2), RDS over
/// ADS (3), the HTTP filters then the router (5), <c>use_remote_address</c> (14), <c>normalize_path</c> (30) and
/// <c>merge_slashes</c> (33). The parts every chain shares are serialised once, in immutable <see cref="ByteString"/>s;
/// a chain costs one byte array, not a manager, its RDS and config source, and a serialisation of them.
/// </summary>
internal sealed class PackedManager
{
    private const string StatPrefix = "http";
    private const int StatPrefixField = 2;
    private const int RdsField = 3;
    private const int RdsConfigSourceField = 1;
    private const int RdsRouteConfigNameField = 2;
    private const int HttpFiltersField = 5;
    private const int UseRemoteAddressField = 14;
    private const int NormalizePathField = 30;
    private const int MergeSlashesField = 33;

    private readonly ByteString _adsConfigSource = new ConfigSource { Ads = new AggregatedConfigSource(), ResourceApiVersion = ApiVersion.V3 }.ToByteString();
    private readonly ByteString _trueValue = new BoolValue { Value = true }.ToByteString();
    private readonly ByteString _router;
    private readonly PackedType _type;

    public PackedManager(PackedConfig router, PackedType type)
    {
        _router = new HttpFilter { Name = WaypointFilters.RouterFilterName, TypedConfig = router.ToAny() }.ToByteString();
        _type = type;
    }

    /// <summary>The manager routing over RDS <paramref name="routeConfigName"/> with <paramref name="httpFilters"/> before the router, packed.</summary>
    public Any Pack(string routeConfigName, IReadOnlyList<HttpFilter> httpFilters)
    {
        // proto3 leaves a string at its default (empty) out, as serialising the message would.
        var rdsSize = Tagged(RdsConfigSourceField, CodedOutputStream.ComputeBytesSize(_adsConfigSource))
            + (routeConfigName.Length == 0 ? 0 : Tagged(RdsRouteConfigNameField, CodedOutputStream.ComputeStringSize(routeConfigName)));
        var size = Tagged(StatPrefixField, CodedOutputStream.ComputeStringSize(StatPrefix))
            + Tagged(RdsField, CodedOutputStream.ComputeLengthSize(rdsSize) + rdsSize)
            + Tagged(HttpFiltersField, CodedOutputStream.ComputeBytesSize(_router))
            + Tagged(UseRemoteAddressField, CodedOutputStream.ComputeBytesSize(_trueValue))
            + Tagged(NormalizePathField, CodedOutputStream.ComputeBytesSize(_trueValue))
            + Tagged(MergeSlashesField, CodedOutputStream.ComputeBoolSize(true));
        for (var i = 0; i < httpFilters.Count; i++)
        {
            size += Tagged(HttpFiltersField, CodedOutputStream.ComputeMessageSize(httpFilters[i]));
        }

        var bytes = new byte[size];
        var output = new CodedOutputStream(bytes);
        output.WriteTag(StatPrefixField, WireFormat.WireType.LengthDelimited);
        output.WriteString(StatPrefix);
        output.WriteTag(RdsField, WireFormat.WireType.LengthDelimited);
        output.WriteLength(rdsSize);
        WriteField(output, RdsConfigSourceField, _adsConfigSource);
        if (routeConfigName.Length > 0)
        {
            output.WriteTag(RdsRouteConfigNameField, WireFormat.WireType.LengthDelimited);
            output.WriteString(routeConfigName);
        }

        for (var i = 0; i < httpFilters.Count; i++)
        {
            output.WriteTag(HttpFiltersField, WireFormat.WireType.LengthDelimited);
            output.WriteMessage(httpFilters[i]);
        }

        WriteField(output, HttpFiltersField, _router);
        WriteField(output, UseRemoteAddressField, _trueValue);
        WriteField(output, NormalizePathField, _trueValue);
        output.WriteTag(MergeSlashesField, WireFormat.WireType.Varint);
        output.WriteBool(true);
        output.CheckNoSpaceLeft();
        // The array is written here and nowhere else: wrapped, not copied.
        return new Any { TypeUrl = _type.TypeUrl, Value = UnsafeByteOperations.UnsafeWrap(bytes) };
    }

    private static int Tagged(int field, int valueSize) => CodedOutputStream.ComputeTagSize(field) + valueSize;

    // A message field's bytes are its length and its serialised message: a ByteString of them is written the same.
    private static void WriteField(CodedOutputStream output, int field, ByteString message)
    {
        output.WriteTag(field, WireFormat.WireType.LengthDelimited);
        output.WriteBytes(message);
    }
}
