using System.CommandLine;
using RulesMesh.Cli.Catalogue;
using RulesMesh.Cli.Output;
using RulesMesh.Models;

namespace RulesMesh.Cli.Commands;

/// <summary><c>rulesmesh models</c>: lists the typed models the RulesMesh library generated from its CRD schemas.</summary>
internal static class ModelsCommand
{
    public static Command Create()
    {
        var command = new Command("models", "List the models generated from the bundled CRD schemas, with their scope, storage version and generated type count.");
        command.SetAction(parseResult =>
        {
            Write(parseResult.InvocationConfiguration.Output);
            return ExitCodes.Success;
        });
        return command;
    }

    private static void Write(TextWriter output)
    {
        var table = new TextTable("GROUP", "VERSION", "KIND", "PLURAL", "SCOPE", "STORAGE", "TYPES");
        var typeTotal = 0;
        foreach (var model in GeneratedModels.All)
        {
            var types = ModelTypeCounter.Count(model.ClrType);
            typeTotal += types;
            table.AddRow(
                model.Group,
                model.Version,
                model.Kind,
                model.Plural,
                model.Namespaced ? "Namespaced" : "Cluster",
                model.Storage ? "yes" : "no",
                types.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }

        table.Write(output);
        output.WriteLine();
        var kinds = GeneratedModels.All.Select(m => (m.Group, m.Kind)).Distinct().Count();
        var groups = GeneratedModels.All.Select(m => m.Group).Distinct().Count();
        output.WriteLine($"{GeneratedModels.All.Count} models ({kinds} kinds in {groups} groups), {typeTotal} generated types.");
    }
}
