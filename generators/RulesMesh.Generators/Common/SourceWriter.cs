using System.Text;

namespace RulesMesh.Generators.Common
{
    /// <summary>Writes C# source with indentation handled for the caller.</summary>
    internal sealed class SourceWriter
    {
        private readonly StringBuilder _builder = new StringBuilder();
        private int _indent;

        public void Indent() => _indent++;

        public void Outdent() => _indent--;

        public void Line()
        {
            _builder.Append('\n');
        }

        public void Line(string text)
        {
            _builder.Append(' ', _indent * 4).Append(text).Append('\n');
        }

        public void OpenBlock(string header)
        {
            Line(header);
            Line("{");
            Indent();
        }

        public void CloseBlock(string suffix = "")
        {
            Outdent();
            Line("}" + suffix);
        }

        public override string ToString() => _builder.ToString();
    }
}
