using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;

namespace RulesMesh.Benchmarks;

/// <summary>How many times faster than the baseline a benchmark is: the baseline's median over its own (issue 11's "speedup over a full run").</summary>
internal sealed class SpeedupColumn : IColumn
{
    public string Id => nameof(SpeedupColumn);

    public string ColumnName => "Speedup";

    public bool AlwaysShow => true;

    public ColumnCategory Category => ColumnCategory.Custom;

    public int PriorityInCategory => 0;

    public bool IsNumeric => true;

    public UnitType UnitType => UnitType.Dimensionless;

    public string Legend => "The baseline's (full run's) median divided by this benchmark's median";

    public string GetValue(Summary summary, BenchmarkCase benchmarkCase) => GetValue(summary, benchmarkCase, summary.Style);

    public string GetValue(Summary summary, BenchmarkCase benchmarkCase, SummaryStyle style)
    {
        var baseline = summary.GetBaseline(summary.GetLogicalGroupKey(benchmarkCase));
        var baselineMedian = baseline is null ? null : summary[baseline]?.ResultStatistics?.Median;
        var median = summary[benchmarkCase]?.ResultStatistics?.Median;
        return baselineMedian is { } slow && median is { } fast && fast > 0
            ? Figures.Speedup(slow, fast)
            : "?";
    }

    public bool IsAvailable(Summary summary) => true;

    public bool IsDefault(Summary summary, BenchmarkCase benchmarkCase) => false;
}
