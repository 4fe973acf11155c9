using RulesMesh.Store;
using Xunit.Abstractions;
namespace RulesMesh.Tests.Architecture;
public sealed class TmpDump
{
    [Fact]
    public void Dump()
    {
        var graph = FolderDependencyGraph.Read(typeof(ResourceStore).Assembly.Location, static ns => ns switch
        {
            "RulesMesh.Generated" => null,
            _ when ns.StartsWith("RulesMesh.Models", StringComparison.Ordinal) => null,
            _ when ns.StartsWith("RulesMesh.", StringComparison.Ordinal) => ns["RulesMesh.".Length..],
            _ => null,
        });
        var lines = new List<string>();
        foreach (var f in graph.Folders) foreach (var t in graph.Uses(f)) foreach (var w in graph.Why(f, t)) lines.Add($"{f} -> {t}: {w}");
        File.WriteAllLines("/tmp/graph.txt", lines);
    }
}
