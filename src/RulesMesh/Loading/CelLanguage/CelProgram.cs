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
    public CelRuntimeValue Evaluate(JsonElement self, CelSchema schema)
    {
        var variables = new CelRuntimeValue[variableCount];
        variables[0] = CelRuntimeValue.FromJson(self, schema);
        return evaluator(variables);
    }
}
