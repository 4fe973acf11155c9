using RulesMesh.Store;
using Xunit.Abstractions;

namespace RulesMesh.Tests.Architecture;

/// <summary>
/// The folders of the runtime library depend on one another in one direction (rule API ← capture ← service model ←
/// backends ← routes ← listeners ← policy ← output), computed from the compiled RulesMesh.dll. The generated models
/// and the generated pipeline are left out: they are written by the generators, not by hand.
/// </summary>
public sealed class FolderDependencyTests(ITestOutputHelper output)
{
    private static FolderDependencyGraph Graph()
        => FolderDependencyGraph.Read(typeof(ResourceStore).Assembly.Location, static ns => ns switch
        {
            "RulesMesh" => "(root)",
            _ when ns.StartsWith("RulesMesh.Models", StringComparison.Ordinal) => null,
            _ when ns.StartsWith("RulesMesh.", StringComparison.Ordinal) => ns["RulesMesh.".Length..],
            _ => null,
        });

    [Fact]
    public void The_graph_is_read_from_real_references()
    {
        var graph = Graph();

        // Folders that must be there, and references the code is known to make (signatures, method bodies, base types).
        Assert.Superset(new SortedSet<string>(["Capture", "Loading", "Mesh", "Modeling", "Naming", "Rules", "ServiceModel", "Store", "Translation", "Translation.Backends", "Translation.Routes", "Translation.Listeners", "Translation.Policy", "Translation.Output"]), graph.Folders);
        Assert.Contains("Translation.Backends", graph.Uses("Translation.Routes"));
        Assert.Contains("Mesh", graph.Uses("Translation.Backends"));
        Assert.Contains("Store", graph.Uses("Loading").Concat(graph.Uses("Translation")));
    }

    [Fact]
    public void No_two_folders_depend_on_each_other()
    {
        var graph = Graph();
        foreach (var line in graph.Lines())
        {
            output.WriteLine(line);
        }

        var cycles = graph.Cycles();
        var report = cycles.Select(cycle => string.Join(
            Environment.NewLine,
            [
                $"folders that depend on one another: {string.Join(", ", cycle.Folders)}",
                $"  e.g. {string.Join(" → ", cycle.Path)}",
                .. cycle.Path.Zip(cycle.Path.Skip(1)).Select(step => $"    {step.First} → {step.Second}: {string.Join("; ", graph.Why(step.First, step.Second).Take(4))}"),
            ]));
        var twoWay = graph.TwoWay().Select(pair => $"  {pair}");
        Assert.True(
            cycles.Count == 0,
            string.Join(Environment.NewLine, ["Folder dependency cycles:", .. report, "Folders using each other directly:", .. twoWay]));
    }
}
