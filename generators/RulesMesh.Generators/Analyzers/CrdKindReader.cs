using System.Collections.Generic;
using System.IO;
using System.Runtime.CompilerServices;
using Microsoft.CodeAnalysis.Text;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace RulesMesh.Generators.Analyzers
{
    /// <summary>
    /// Finds the group and kind of every CustomResourceDefinition in a YAML text without building a document tree:
    /// it walks the event stream, reads <c>kind</c>, <c>spec.group</c> and <c>spec.names.kind</c>, and skips every
    /// other value (the schemas, which are nearly all of the text). Broken YAML yields what was read before the
    /// break; the model generator reports the file itself (RM0001).
    /// </summary>
    internal static class CrdKindReader
    {
        // Keyed on the text, so a file is read once however many compilations (IDE edits) ask.
        private static readonly ConditionalWeakTable<SourceText, ModelKind[]> Cache = new ConditionalWeakTable<SourceText, ModelKind[]>();

        public static IReadOnlyList<ModelKind> Read(SourceText text) => Cache.GetValue(text, t => Read(t.ToString()));

        public static ModelKind[] Read(string text)
        {
            var kinds = new List<ModelKind>();
            try
            {
                var parser = new Parser(new StringReader(text));
                parser.Consume<StreamStart>();
                while (parser.TryConsume<DocumentStart>(out _))
                {
                    if (parser.TryConsume<MappingStart>(out _))
                    {
                        string? kind = null, group = null, crdKind = null;
                        ReadMapping(parser, (key, p) =>
                        {
                            switch (key)
                            {
                                case "kind":
                                    kind = ReadScalar(p);
                                    break;
                                case "spec" when p.TryConsume<MappingStart>(out _):
                                    ReadMapping(p, (specKey, s) =>
                                    {
                                        switch (specKey)
                                        {
                                            case "group":
                                                group = ReadScalar(s);
                                                break;
                                            case "names" when s.TryConsume<MappingStart>(out _):
                                                ReadMapping(s, (namesKey, n) =>
                                                {
                                                    if (namesKey == "kind")
                                                    {
                                                        crdKind = ReadScalar(n);
                                                    }
                                                    else
                                                    {
                                                        n.SkipThisAndNestedEvents();
                                                    }
                                                });
                                                break;
                                            default:
                                                s.SkipThisAndNestedEvents();
                                                break;
                                        }
                                    });
                                    break;
                                default:
                                    p.SkipThisAndNestedEvents();
                                    break;
                            }
                        });

                        if (kind == "CustomResourceDefinition" && group is not null && crdKind is not null)
                        {
                            kinds.Add(new ModelKind(group, crdKind));
                        }
                    }
                    else
                    {
                        parser.SkipThisAndNestedEvents();
                    }

                    parser.Consume<DocumentEnd>();
                }
            }
            catch (YamlException)
            {
            }
            catch (System.InvalidOperationException)
            {
                // YamlDotNet's scanner throws this on some truncated flow collections.
            }

            return kinds.ToArray();
        }

        /// <summary>Calls <paramref name="value"/> for each key of the mapping whose start was just consumed; it must consume the value.</summary>
        private static void ReadMapping(IParser parser, System.Action<string?, IParser> value)
        {
            while (!parser.TryConsume<MappingEnd>(out _))
            {
                if (parser.TryConsume<Scalar>(out var key))
                {
                    value(key.Value, parser);
                }
                else
                {
                    // A complex key: skip it and its value.
                    parser.SkipThisAndNestedEvents();
                    parser.SkipThisAndNestedEvents();
                }
            }
        }

        private static string? ReadScalar(IParser parser)
        {
            if (parser.TryConsume<Scalar>(out var scalar))
            {
                return scalar.Value;
            }

            parser.SkipThisAndNestedEvents();
            return null;
        }
    }
}
