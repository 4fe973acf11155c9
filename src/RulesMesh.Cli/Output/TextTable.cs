namespace RulesMesh.Cli.Output;

/// <summary>A plain-text table with left-aligned columns padded to their widest cell.</summary>
internal sealed class TextTable(params string[] headers)
{
    private readonly List<string[]> _rows = [headers];

    public void AddRow(params string[] cells)
    {
        if (cells.Length != headers.Length)
        {
            throw new ArgumentException($"Expected {headers.Length} cells, got {cells.Length}.", nameof(cells));
        }

        _rows.Add(cells);
    }

    public void Write(TextWriter output)
    {
        foreach (var line in Lines())
        {
            output.WriteLine(line);
        }
    }

    /// <summary>The header line followed by one line per row, in the order added; the last column is not padded.</summary>
    public IReadOnlyList<string> Lines()
    {
        var widths = Enumerable.Range(0, headers.Length).Select(column => _rows.Max(row => row[column].Length)).ToArray();
        return _rows
            .Select(row => string.Join("  ", row.Select((cell, column) => column == row.Length - 1 ? cell : cell.PadRight(widths[column]))).TrimEnd())
            .ToList();
    }
}
