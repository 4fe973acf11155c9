using System.Text.Json.Nodes;
using Cel;

namespace RulesMesh.Loading;

/// <summary>
/// One <c>x-kubernetes-validations</c> rule, compiled once: its expression, and how a failure is reported (<c>message</c>,
/// <c>messageExpression</c>, <c>fieldPath</c>, <c>reason</c>), as the Kubernetes CRD validation rules define them.
/// </summary>
internal sealed partial class CelRule
{
    private readonly CelProgramDelegate program;
    private readonly CelProgramDelegate? messageProgram;

    private CelRule(string expression, CelProgramDelegate program, CelProgramDelegate? messageProgram, string? message, string? fieldPath, string? reason)
    {
        Expression = expression;
        this.program = program;
        this.messageProgram = messageProgram;
        Message = message;
        FieldPath = fieldPath;
        Reason = reason;
    }

    /// <summary>The rule's CEL expression.</summary>
    public string Expression { get; }

    /// <summary>The fixed message, if any.</summary>
    public string? Message { get; }

    /// <summary>The field the rule blames, relative to the node that carries it (<c>.spec.port</c>), if any.</summary>
    public string? FieldPath { get; }

    /// <summary>The rule's reason: FieldValueInvalid (default), FieldValueRequired, FieldValueForbidden or FieldValueDuplicate.</summary>
    public string? Reason { get; }

    /// <summary>
    /// Compiles <paramref name="definition"/>; null with <paramref name="unenforceable"/> set when the rule cannot be
    /// enforced at load: a transition rule (it reads <c>oldSelf</c>, which a created object has not) or an expression the
    /// environment cannot compile.
    /// </summary>
    public static CelRule? Compile(CelEnvironment environment, JsonObject definition, out string? unenforceable)
    {
        var expression = (string?)definition["rule"] ?? string.Empty;
        if (System.Text.RegularExpressions.Regex.IsMatch(expression, @"\boldSelf\b"))
        {
            unenforceable = "a transition rule (reads oldSelf): the API server checks it on updates only";
            return null;
        }

        try
        {
            var program = environment.Compile(WithPresenceTests(expression));
            var messageExpression = (string?)definition["messageExpression"];
            var messageProgram = string.IsNullOrEmpty(messageExpression) ? null : environment.Compile(messageExpression);
            unenforceable = null;
            return new CelRule(expression, program, messageProgram, (string?)definition["message"], (string?)definition["fieldPath"], (string?)definition["reason"]);
        }
        catch (Exception exception) when (exception is not OutOfMemoryException)
        {
            unenforceable = "does not compile: " + exception.Message;
            return null;
        }
    }

    /// <summary>
    /// <c>has(x.field)</c> written as <c>('field' in x)</c>. Objects reach CEL as maps, where Kubernetes' <c>has</c> tests
    /// that the key is present; the Cel package's treats a present but empty value (<c>random: {}</c>) as absent, which
    /// would refuse kgateway's "exactly one of" rules for an empty variant.
    /// </summary>
    private static string WithPresenceTests(string expression) => PresenceTest().Replace(expression, "('$2' in $1)");

    [System.Text.RegularExpressions.GeneratedRegex(@"\bhas\(\s*([A-Za-z_][\w.]*)\.([A-Za-z_]\w*)\s*\)")]
    private static partial System.Text.RegularExpressions.Regex PresenceTest();

    /// <summary>
    /// Runs the rule on <paramref name="self"/>: true when it holds, false when it fails, null when it needs a function
    /// the environment lacks (then it is not enforced). An evaluation error counts as a failure, as for the API server.
    /// </summary>
    public CelOutcome Evaluate(object? self)
    {
        try
        {
            var result = program(new Dictionary<string, object?> { ["self"] = self });
            return result is bool holds ? (holds ? CelOutcome.Holds : CelOutcome.Fails) : CelOutcome.Error;
        }
        catch (Exception exception) when (exception is CelUnboundFunctionException or CelUndeclaredReferenceException)
        {
            return CelOutcome.Unsupported;
        }
        catch (Exception exception) when (exception is not OutOfMemoryException)
        {
            return CelOutcome.Error;
        }
    }

    /// <summary>What to say when the rule fails on <paramref name="self"/>: messageExpression, else message, else the rule.</summary>
    public string Describe(object? self)
    {
        if (messageProgram is not null)
        {
            try
            {
                if (messageProgram(new Dictionary<string, object?> { ["self"] = self }) is string { Length: > 0 } text)
                {
                    return text;
                }
            }
            catch (Exception exception) when (exception is not OutOfMemoryException)
            {
                // The API server falls back to message when messageExpression fails.
            }
        }

        return string.IsNullOrEmpty(Message) ? $"failed rule: {Expression}" : Message;
    }
}
