using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace RulesMesh.Generators.Crd.Parsing
{
    /// <summary>
    /// Writes a YAML node as JSON text, resolving plain scalars by the YAML 1.2 core schema as the
    /// Kubernetes API server does. Used to embed each version's schema, and to document defaults.
    /// </summary>
    internal static class YamlJson
    {
        private static readonly Regex Integer = new Regex("^[-+]?[0-9]+$", RegexOptions.CultureInvariant);
        private static readonly Regex Float = new Regex(@"^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$", RegexOptions.CultureInvariant);

        public static string Write(YamlNode node)
        {
            var builder = new StringBuilder();
            Write(node, builder);
            return builder.ToString();
        }

        private static void Write(YamlNode node, StringBuilder builder)
        {
            switch (node)
            {
                case YamlMappingNode mapping:
                    builder.Append('{');
                    var first = true;
                    foreach (var entry in mapping.Children)
                    {
                        if (!first)
                        {
                            builder.Append(',');
                        }

                        first = false;
                        WriteString(((YamlScalarNode)entry.Key).Value ?? string.Empty, builder);
                        builder.Append(':');
                        Write(entry.Value, builder);
                    }

                    builder.Append('}');
                    break;
                case YamlSequenceNode sequence:
                    builder.Append('[');
                    for (var i = 0; i < sequence.Children.Count; i++)
                    {
                        if (i > 0)
                        {
                            builder.Append(',');
                        }

                        Write(sequence.Children[i], builder);
                    }

                    builder.Append(']');
                    break;
                case YamlScalarNode scalar:
                    WriteScalar(scalar, builder);
                    break;
                default:
                    builder.Append("null");
                    break;
            }
        }

        private static void WriteScalar(YamlScalarNode scalar, StringBuilder builder)
        {
            var value = scalar.Value ?? string.Empty;
            if (scalar.Style != ScalarStyle.Plain)
            {
                WriteString(value, builder);
                return;
            }

            switch (value)
            {
                case "":
                case "~":
                case "null":
                case "Null":
                case "NULL":
                    builder.Append("null");
                    return;
                case "true":
                case "True":
                case "TRUE":
                    builder.Append("true");
                    return;
                case "false":
                case "False":
                case "FALSE":
                    builder.Append("false");
                    return;
            }

            if (Integer.IsMatch(value) || (Float.IsMatch(value) && double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out _)))
            {
                builder.Append(value.TrimStart('+'));
                return;
            }

            WriteString(value, builder);
        }

        private static void WriteString(string value, StringBuilder builder)
        {
            builder.Append('"');
            foreach (var c in value)
            {
                switch (c)
                {
                    case '"': builder.Append("\\\""); break;
                    case '\\': builder.Append("\\\\"); break;
                    case '\n': builder.Append("\\n"); break;
                    case '\r': builder.Append("\\r"); break;
                    case '\t': builder.Append("\\t"); break;
                    default:
                        if (c < ' ')
                        {
                            builder.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture));
                        }
                        else
                        {
                            builder.Append(c);
                        }

                        break;
                }
            }

            builder.Append('"');
        }
    }
}
