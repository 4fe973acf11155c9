using System.Text.Json;

namespace RulesMesh.Loading.CelLanguage;

/// <summary>A CEL expression compiled once by <see cref="CelCompiler"/>, run on many values.</summary>
internal sealed class CelProgram
{
    private readonly CelEvaluator evaluator;
    private readonly int variableCount;

    /// <summary>A program running <paramref name="evaluator"/> with <paramref name="variableCount"/> variable slots.</summary>
    public CelProgram(CelEvaluator evaluator, int variableCount)
    {
        this.evaluator = evaluator;
        this.variableCount = variableCount;
    }

    /// <summary>
    /// The expression's value with <c>self</c> the manifest value <paramref name="self"/>, whose schema is
    /// <paramref name="schema"/>. Throws <see cref="CelEvaluationException"/> when the result is a CEL error.
    /// </summary>
    public CelRuntimeValue Evaluate(JsonElement self, CelSchema schema) => Evaluate(self, schema, new CelRuntimeValue[variableCount]);

    /// <summary>The variable slots the program uses: <c>self</c> and the variables of its macros.</summary>
    public int VariableCount => variableCount;

    /// <summary>
    /// As <see cref="Evaluate(JsonElement, CelSchema)"/>, with <paramref name="variables"/> (at least
    /// <see cref="VariableCount"/> long, its contents overwritten) for the variables: one array serves every rule of a document.
    /// </summary>
    public CelRuntimeValue Evaluate(JsonElement self, CelSchema schema, CelRuntimeValue[] variables)
    {
        variables[0] = CelRuntimeValue.FromJson(self, schema);
        return evaluator(variables);
    }
}
