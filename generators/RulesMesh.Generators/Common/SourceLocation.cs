using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;

namespace RulesMesh.Generators.Common
{
    /// <summary>A file and a 1-based line/column, kept as plain data so it can live in pipeline values.</summary>
    internal sealed record SourceLocation(string Path, int Line, int Column)
    {
        public Location ToLocation()
        {
            var position = new LinePosition(System.Math.Max(0, Line - 1), System.Math.Max(0, Column - 1));
            return Location.Create(Path, default, new LinePositionSpan(position, position));
        }
    }
}
