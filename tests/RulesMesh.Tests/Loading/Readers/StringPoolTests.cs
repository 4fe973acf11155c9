using System.Text;
using System.Text.Json;
using CsCheck;
using k8s.Models;
using RulesMesh.Loading;
using RulesMesh.Modeling;

namespace RulesMesh.Tests.Loading.Readers;

/// <summary>
/// The pool of one load gives the same string the reader would, sharing one instance of a short value read again;
/// a long value, or one displaced by others in between, is read as a string of its own.
/// </summary>
public sealed class StringPoolTests
{
    [Fact]
    public void Pods_read_with_one_pool_share_their_kind_namespace_labels_and_port_names()
    {
        var model = CoreKubernetesModels.All.Single(m => m.Kind == "Pod");
        var pool = new StringPool();
        V1Pod Read(string name) => (V1Pod)model.Deserialize(
            JsonDocument.Parse($$$"""{"apiVersion":"v1","kind":"Pod","metadata":{"name":"{{{name}}}","namespace":"shop","labels":{"app":"web"}},"spec":{"containers":[{"name":"app","ports":[{"name":"http","containerPort":80}]}]}}""").RootElement,
            ManifestJsonOptions.Default,
            pool)!;

        var first = Read("web-1");
        var second = Read("web-2");

        Assert.Same(first.Kind, second.Kind);
        Assert.Same(first.Metadata.NamespaceProperty, second.Metadata.NamespaceProperty);
        Assert.Same(first.Metadata.Labels.Single().Key, second.Metadata.Labels.Single().Key);
        Assert.Same(first.Metadata.Labels["app"], second.Metadata.Labels["app"]);
        Assert.Same(first.Spec.Containers[0].Ports[0].Name, second.Spec.Containers[0].Ports[0].Name);
        Assert.Equal(["web-1", "web-2"], [first.Metadata.Name, second.Metadata.Name]);
    }

    [Theory]
    [InlineData(0, 64)]
    [InlineData(2_000, 64)]
    [InlineData(1_000_000, 4_096)]
    [InlineData(45_000_000, StringPool.MaxSlots)]
    [InlineData(long.MaxValue, StringPool.MaxSlots)]
    public void A_pool_is_sized_from_its_input_a_slot_per_256_bytes_from_64_to_the_most(long inputBytes, int capacity)
        => Assert.Equal(capacity, new StringPool(inputBytes).Capacity);

    [Fact]
    public void A_short_value_read_again_is_the_same_instance()
    {
        var values = ReadAll(new StringPool(), """["app","v1","app","v1"]""");

        Assert.Equal(["app", "v1", "app", "v1"], values);
        Assert.Same(values[0], values[2]);
        Assert.Same(values[1], values[3]);
    }

    [Fact]
    public void An_escaped_value_is_unescaped_and_shared_with_the_same_value_written_plainly()
    {
        var values = ReadAll(new StringPool(), """["caf\u00e9 \"x\"\n","café \"x\"\n"]""");

        Assert.Equal("café \"x\"\n", values[0]);
        Assert.Same(values[0], values[1]);
    }

    [Fact]
    public void A_value_longer_than_the_pooled_length_is_read_as_a_string_of_its_own()
    {
        var longer = new string('a', StringPool.MaxPooledUtf8Length + 1);
        var values = ReadAll(new StringPool(), $"[\"{longer}\",\"{longer}\"]");

        Assert.Equal(longer, values[0]);
        Assert.Equal(longer, values[1]);
        Assert.NotSame(values[0], values[1]);
    }

    [Fact]
    public void A_property_name_is_shared_with_the_same_string_value()
    {
        var pool = new StringPool();
        var value = ReadAll(pool, """["kubernetes.io/service-name"]""").Single();

        Assert.Same(value, pool.Get("kubernetes.io/service-name"u8));
    }

    [Fact]
    public void Every_value_reads_as_the_reader_reads_it_however_many_others_come_between()
    {
        // Few distinct values of every length around the cut-off, with escapes and non-ASCII, in many more reads than
        // the pool has slots: shared, displaced and unpooled values all come out as the reader's GetString gives them.
        var text = Gen.OneOf(Gen.Char['a', 'e'], Gen.Const('é'), Gen.Const('"'), Gen.Const('\\'), Gen.Const('\u2028'), Gen.Const('ü'))
            .Array[0, StringPool.MaxPooledUtf8Length + 8]
            .Select(chars => new string(chars));
        text.Array[StringPool.MaxSlots * 2].Sample(
            values =>
            {
                var json = JsonSerializer.Serialize(values);
                var pool = new StringPool();
                var reader = new Utf8JsonReader(Encoding.UTF8.GetBytes(json));
                reader.Read();
                while (reader.Read() && reader.TokenType == JsonTokenType.String)
                {
                    if (pool.Get(ref reader) != reader.GetString())
                    {
                        return false;
                    }
                }

                return true;
            },
            iter: 5);
    }

    private static List<string> ReadAll(StringPool pool, string json)
    {
        var values = new List<string>();
        var reader = new Utf8JsonReader(Encoding.UTF8.GetBytes(json));
        reader.Read();
        while (reader.Read() && reader.TokenType == JsonTokenType.String)
        {
            values.Add(pool.Get(ref reader));
        }

        return values;
    }
}
