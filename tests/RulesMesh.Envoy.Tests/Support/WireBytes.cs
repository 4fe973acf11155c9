using Google.Protobuf;

namespace RulesMesh.Xds.Tests.Support;

/// <summary>Protobuf bytes written field by field, for messages no generated class would write (unknown fields, out of order, repeated).</summary>
internal static class WireBytes
{
    public static ByteString Of(Action<CodedOutputStream> write)
    {
        using var stream = new MemoryStream();
        var output = new CodedOutputStream(stream);
        write(output);
        output.Flush();
        return ByteString.CopyFrom(stream.ToArray());
    }
}
