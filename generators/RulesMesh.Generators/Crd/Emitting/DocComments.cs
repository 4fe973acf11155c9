using System.Collections.Generic;
using RulesMesh.Generators.Common;

namespace RulesMesh.Generators.Crd.Emitting
{
    /// <summary>Writes schema descriptions as XML documentation.</summary>
    internal static class DocComments
    {
        public static void Write(SourceWriter writer, string? summary, IEnumerable<string> remarks)
        {
            writer.Line("/// <summary>");
            foreach (var line in Lines(string.IsNullOrWhiteSpace(summary) ? "No description in the schema." : summary!))
            {
                writer.Line("/// " + line);
            }

            writer.Line("/// </summary>");
            var open = false;
            foreach (var remark in remarks)
            {
                if (!open)
                {
                    writer.Line("/// <remarks>");
                    open = true;
                }

                writer.Line("/// <para>" + Escape(remark) + "</para>");
            }

            if (open)
            {
                writer.Line("/// </remarks>");
            }
        }

        private static IEnumerable<string> Lines(string text)
        {
            foreach (var line in text.Replace("\r\n", "\n").TrimEnd().Split('\n'))
            {
                yield return Escape(line.TrimEnd());
            }
        }

        public static string Escape(string text) => text.Replace("&", "&amp;").Replace("<", "&lt;").Replace(">", "&gt;");
    }
}
