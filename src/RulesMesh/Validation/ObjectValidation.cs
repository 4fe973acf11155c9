using RulesMesh.Loading;
using RulesMesh.Rules;

namespace RulesMesh.Validation;

/// <summary>
/// Runs the validation stage (<see cref="IObjectValidationRule"/>) over what a load produced: an object a rule refuses
/// is left out, with an error per problem at its file, line and field, and everything else is kept, as for a document
/// that breaks its schema.
/// </summary>
public static class ObjectValidation
{
    /// <summary>The load without the objects <paramref name="pipeline"/>'s validation rules refuse, plus an error for each problem.</summary>
    public static LoadResult Apply(LoadResult load, RulePipeline pipeline)
    {
        var stage = pipeline.Stage<IObjectValidationRule>();
        var kept = new List<LoadedResource>(load.Resources.Count);
        var diagnostics = load.Diagnostics.ToList();
        // One collector for every object until an object has problems: nearly all have none.
        var problems = new ValidationProblems();
        foreach (var resource in load.Resources)
        {
            stage.Validate(resource.Object, problems);
            if (problems.All.Count == 0)
            {
                kept.Add(resource);
                continue;
            }

            var name = resource.Object.Metadata?.Name ?? "(unnamed)";
            foreach (var problem in problems.All)
            {
                var field = problem.FieldPath.Length == 0 ? "the object" : problem.FieldPath;
                diagnostics.Add(LoadDiagnostic.Error(
                    $"{resource.Model.Kind} {name} is refused: {field} {problem.Message}.",
                    resource.Document.SourceName,
                    resource.Document.SourceMap.Locate(problem.FieldPath),
                    problem.FieldPath.Length == 0 ? null : problem.FieldPath));
            }

            problems = new ValidationProblems();
        }

        return new LoadResult(kept, diagnostics);
    }
}
