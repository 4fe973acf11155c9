using System.Globalization;
using System.Text;

namespace RulesMesh.Cli.Tests.Support;

/// <summary>
/// The inputs of <c># generate:</c> corpus cases, made in code because they are too big (or too repetitive) to keep in the
/// repository. Each takes an optional size after its name.
/// </summary>
internal static class CorpusGenerators
{
    /// <summary>Writes the input of <c># generate: &lt;name&gt; [size]</c> to <paramref name="path"/>.</summary>
    public static void Write(string path, string[] generator)
    {
        int Size(int fallback) => generator.Length > 1 ? int.Parse(generator[1], CultureInfo.InvariantCulture) : fallback;
        using var writer = new StreamWriter(path, append: false, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false));
        switch (generator[0])
        {
            case "billion-laughs":
                BillionLaughs(writer, Size(9));
                break;
            case "deep-block-nesting":
                DeepBlockNesting(writer, Size(10_000));
                break;
            case "deep-flow-nesting":
                DeepFlowNesting(writer, Size(20_000));
                break;
            case "many-services":
                ManyServices(writer, Size(2_000));
                break;
            case "large-annotation":
                LargeAnnotation(writer, Size(2 * 1024 * 1024));
                break;
            case "oversized-comment":
                OversizedComment(writer, Size(8 * 1024 * 1024));
                break;
            case "nul-bytes":
                writer.Write(new string('\0', Size(1024 * 1024)));
                break;
            default:
                throw new ArgumentException($"No corpus generator '{generator[0]}'.", nameof(generator));
        }
    }

    // levels of nine aliases to the level below, inside a ConfigMap: 9^levels strings once expanded.
    private static void BillionLaughs(TextWriter writer, int levels)
    {
        writer.Write("apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: laughs\n  namespace: default\ndata:\n  l0: &l0 \"lol\"\n");
        for (var level = 1; level <= levels; level++)
        {
            var below = string.Join(", ", Enumerable.Repeat($"*l{level - 1}", 9));
            writer.Write($"  l{level}: &l{level} [{below}]\n");
        }
    }

    // A ConfigMap whose data holds a block mapping nested `depth` levels deep.
    private static void DeepBlockNesting(TextWriter writer, int depth)
    {
        writer.Write("apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: deep\n  namespace: default\ndata:\n");
        for (var level = 1; level <= depth; level++)
        {
            writer.Write(new string(' ', 2 * level));
            writer.Write("k:\n");
        }

        writer.Write(new string(' ', 2 * (depth + 1)));
        writer.Write("v\n");
    }

    private static void DeepFlowNesting(TextWriter writer, int depth)
    {
        writer.Write("apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: deep\n  namespace: default\ndata:\n  k: ");
        writer.Write(new string('[', depth));
        writer.Write(new string(']', depth));
        writer.Write('\n');
    }

    // `count` Services, each with a port, in one file: every one must reach the output.
    private static void ManyServices(TextWriter writer, int count)
    {
        for (var i = 0; i < count; i++)
        {
            writer.Write(string.Create(CultureInfo.InvariantCulture, $"apiVersion: v1\nkind: Service\nmetadata:\n  name: svc-{i}\n  namespace: default\nspec:\n  clusterIP: 10.{i / 65536 % 256}.{i / 256 % 256}.{i % 256}\n  ports:\n  - name: http\n    port: 80\n---\n"));
        }
    }

    // A legal Service (well under etcd's 3 MB per object) with one annotation of `length` characters.
    private static void LargeAnnotation(TextWriter writer, int length)
    {
        writer.Write("apiVersion: v1\nkind: Service\nmetadata:\n  name: annotated\n  namespace: default\n  annotations:\n    example.com/large: \"");
        writer.Write(new string('x', length));
        writer.Write("\"\nspec:\n  clusterIP: 10.0.0.1\n  ports:\n  - name: http\n    port: 80\n");
    }

    // A file bigger than any one object may be, made of a comment line repeated.
    private static void OversizedComment(TextWriter writer, int length)
    {
        const string line = "# padding padding padding padding padding padding padding padding padding padding padding\n";
        for (var written = 0; written < length; written += line.Length)
        {
            writer.Write(line);
        }
    }
}
