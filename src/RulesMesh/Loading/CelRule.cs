using System.Text.Json.Nodes;
using Cel;
using RulesMesh.Loading.CelLanguage;

namespace RulesMesh.Loading;

/// <summary>
/// One <c>x-kubernetes-validations</c> rule, compiled once: its expression, and how a failure is reported (<c>message</c>,
/// <c>messageExpression</c>, <c>fieldPath</c>, <c>reason</c>), as the Kubernetes CRD validation rules define them.
/// An expression is compiled by <see cref="CelCompiler"/> to run directly on the manifest's JSON; one the compiler
/// does not support runs in the Cel package's interpreter, as every rule did before.
/// </summary>
internal sealed partial class CelRule
{
    private readonly CelProgram? program;
    private readonly CelProgramDelegate? interpretedProgram;
    private readonly CelProgram? messageProgram;
    private readonly CelProgramDelegate? interpretedMessageProgram;

    private CelRule(string expression, (CelProgram?, CelProgramDelegate?) program, (CelProgram?, CelProgramDelegate?) messageProgram, string? message, string? fieldPath, string? reason)
    {
        Expression = expression;
        (this.program, interpretedProgram) = program;
        (this.messageProgram, interpretedMessageProgram) = messageProgram;
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

    /// <summary>Whether the rule runs in the Cel package's interpreter (the compiler does not support it).</summary>
    public bool IsInterpreted => program is null;

    /// <summary>
    /// Compiles <paramref name="definition"/>; null with <paramref name="unenforceable"/> set when the rule cannot be
    /// enforced at load: a transition rule (it reads <c>oldSelf</c>, which a created object has not) or an expression
    /// neither the compiler nor the environment can compile. With <paramref name="interpretOnly"/> the rule runs in the
    /// Cel package's interpreter even when the compiler supports it (to compare the two).
    /// </summary>
    public static CelRule? Compile(Lazy<CelEnvironment> environment, JsonObject definition, out string? unenforceable, bool interpretOnly = false)
    {
        var expression = (string?)definition["rule"] ?? string.Empty;
        if (System.Text.RegularExpressions.Regex.IsMatch(expression, @"\boldSelf\b"))
        {
            unenforceable = "a transition rule (reads oldSelf): the API server checks it on updates only";
            return null;
        }

        try
        {
            var program = Program(environment, WithPresenceTests(expression), expression, interpretOnly);
            var messageExpression = (string?)definition["messageExpression"];
            var messageProgram = string.IsNullOrEmpty(messageExpression) ? default : Program(environment, messageExpression, messageExpression, interpretOnly);
            unenforceable = null;
            return new CelRule(expression, program, messageProgram, (string?)definition["message"], (string?)definition["fieldPath"], (string?)definition["reason"]);
        }
        catch (Exception exception) when (exception is not OutOfMemoryException)
        {
            unenforceable = "does not compile: " + exception.Message;
            return null;
        }
    }

    // The compiler's program when it supports the expression, else the interpreter's (which reads has() rewritten).
    private static (CelProgram?, CelProgramDelegate?) Program(Lazy<CelEnvironment> environment, string interpreted, string expression, bool interpretOnly)
    {
        if (!interpretOnly)
        {
            try
            {
                return (CelCompiler.Compile(expression), null);
            }
            catch (Exception exception) when (exception is CelUnsupportedException or CelSyntaxException)
            {
                // Left to the Cel package below, which enforced every rule before the compiler existed.
            }
        }

        return (null, environment.Value.Compile(interpreted));
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
    /// Runs the rule on <paramref name="self"/>: whether it holds, fails, cannot be evaluated, or needs a function the
    /// environment lacks (then it is not enforced). An evaluation error counts as a failure, as for the API server.
    /// </summary>
    public CelOutcome Evaluate(CelRuleSubject self) => Evaluate(self, out _);

    /// <summary>
    /// As <see cref="Evaluate(CelRuleSubject)"/>, with <paramref name="valueProblem"/>: when the rule cannot be evaluated
    /// because of the value itself (a duration that does not parse), what is wrong with it in words.
    /// </summary>
    public CelOutcome Evaluate(CelRuleSubject self, out string? valueProblem)
    {
        valueProblem = null;
        if (program is null)
        {
            return Interpret(self.PackageValue);
        }

        try
        {
            var result = program.Evaluate(self.Value, self.Schema, self.Variables(program.VariableCount));
            return result.Kind == CelValueKind.Bool ? (result.AsBool ? CelOutcome.Holds : CelOutcome.Fails) : CelOutcome.Error;
        }
        catch (CelLanguage.CelEvaluationException exception)
        {
            valueProblem = exception.ValueProblem;
            return CelOutcome.Error;
        }
        catch (Exception exception) when (exception is not OutOfMemoryException)
        {
            return CelOutcome.Error;
        }
    }

    /// <summary>What to say when the rule fails on <paramref name="self"/>: messageExpression, else message, else the rule.</summary>
    public string Describe(CelRuleSubject self)
    {
        try
        {
            var text = messageProgram is not null
                ? messageProgram.Evaluate(self.Value, self.Schema, self.Variables(messageProgram.VariableCount)) is { Kind: CelValueKind.String } result ? result.AsString() : null
                : interpretedMessageProgram?.Invoke(new Dictionary<string, object?> { ["self"] = self.PackageValue }) as string;
            if (text is { Length: > 0 })
            {
                return text;
            }
        }
        catch (Exception exception) when (exception is not OutOfMemoryException)
        {
            // The API server falls back to message when messageExpression fails.
        }

        return string.IsNullOrEmpty(Message) ? $"failed rule: {Expression}" : Message;
    }

    private CelOutcome Interpret(object? self)
    {
        try
        {
            var result = interpretedProgram!(new Dictionary<string, object?> { ["self"] = self });
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
}
