using System.Collections.Frozen;

namespace RulesMesh.Loading.CelLanguage;

/// <summary>
/// Compiles a CEL expression once into closures (<see cref="CelEvaluator"/>) that evaluate it directly over the
/// manifest's <see cref="System.Text.Json.JsonElement"/>s, with CEL's semantics: <c>&amp;&amp;</c>, <c>||</c>,
/// <c>all</c> and <c>exists</c> absorb an error when their other operands decide; <c>has()</c> on a map tests that the
/// key is present; ints and doubles are distinct types that compare by value; string sizes count code points.
/// Anything outside the subset the CRD rules use throws <see cref="CelUnsupportedException"/>.
/// </summary>
internal sealed class CelCompiler
{
    private static readonly FrozenSet<string> TypeNames = new[] { "int", "double", "string", "bool", "list", "map", "null_type", "type" }.ToFrozenSet(StringComparer.Ordinal);

    private readonly List<string> scope = ["self"];
    private int variableCount = 1;

    private CelCompiler()
    {
    }

    /// <summary>
    /// The compiled form of <paramref name="expression"/>, whose only free variable is <c>self</c>. A list of literals
    /// (<c>["STATIC", "NONE"]</c>) is built once here rather than on every evaluation: nothing changes a CEL list.
    /// </summary>
    public static CelProgram Compile(string expression)
    {
        var compiler = new CelCompiler();
        var evaluator = compiler.Compile(CelParser.Parse(expression));
        return new CelProgram(evaluator, compiler.variableCount);
    }

    private CelEvaluator Compile(CelSyntax syntax) => syntax switch
    {
        CelLiteral literal => Constant(literal.Value),
        CelIdentifier identifier => Identifier(identifier.Name),
        CelSelect select => Select(Compile(select.Operand), select.Field),
        CelPresence presence => Presence(Compile(presence.Operand), presence.Field),
        CelIndex index => Index(Compile(index.Operand), Compile(index.Index)),
        CelList list when list.Items.All(static item => item is CelLiteral) => Constant(CelRuntimeValue.Of([.. list.Items.Cast<CelLiteral>().Select(static item => item.Value)])),
        CelList list => ListLiteral(list.Items.Select(Compile).ToArray()),
        CelUnary { Operator: "!" } not => Not(Compile(not.Operand)),
        CelUnary negate => Negate(Compile(negate.Operand)),
        CelBinary { Operator: "&&" } and => Logical(Compile(and.Left), Compile(and.Right), decisive: false),
        CelBinary { Operator: "||" } or => Logical(Compile(or.Left), Compile(or.Right), decisive: true),
        CelBinary binary => Binary(binary.Operator, Compile(binary.Left), Compile(binary.Right)),
        CelConditional conditional => Conditional(Compile(conditional.Condition), Compile(conditional.Then), Compile(conditional.Otherwise)),
        CelComprehension comprehension => Comprehension(comprehension),
        CelCall call => Call(call),
        _ => throw new CelUnsupportedException(syntax.GetType().Name),
    };

    // A call on a receiver is the function with the receiver as its first argument: self.size() is size(self).
    private CelEvaluator Call(CelCall call)
    {
        IReadOnlyList<CelSyntax> arguments = call.Target is null ? call.Arguments : [call.Target, .. call.Arguments];
        return CelFunctions.Compile(call.Function, arguments, arguments.Select(Compile).ToArray());
    }

    private static CelEvaluator Constant(CelRuntimeValue value) => _ => value;

    private CelEvaluator Identifier(string name)
    {
        var slot = scope.LastIndexOf(name);
        if (slot >= 0)
        {
            return variables => variables[slot];
        }

        return TypeNames.Contains(name) ? Constant(CelRuntimeValue.Type(name)) : throw new CelUnsupportedException($"the variable {name}");
    }

    private static CelEvaluator Select(CelEvaluator operand, string field)
    {
        var name = new CelFieldName(field);
        return variables => operand(variables).TryGetKey(name, out var value) ? value : throw new CelEvaluationException($"no such key: {field}");
    }

    private static CelEvaluator Presence(CelEvaluator operand, string field)
    {
        var name = new CelFieldName(field);
        return variables => CelRuntimeValue.Of(operand(variables).TryGetKey(name, out _));
    }

    private static CelEvaluator Index(CelEvaluator operand, CelEvaluator index) => variables =>
    {
        var container = operand(variables);
        var key = index(variables);
        if (container.Kind == CelValueKind.Map)
        {
            var name = key.Kind == CelValueKind.String ? key.AsString() : throw new CelEvaluationException("a map key must be a string");
            return container.TryGetKey(name, out var value) ? value : throw new CelEvaluationException($"no such key: {key}");
        }

        return container.ItemAt(key.Kind switch
        {
            CelValueKind.Int => key.AsInt,
            CelValueKind.Double when key.AsDouble % 1 == 0 && Math.Abs(key.AsDouble) < long.MaxValue => (long)key.AsDouble,
            _ => throw new CelEvaluationException("a list index must be an integer"),
        });
    };

    private static CelEvaluator ListLiteral(CelEvaluator[] items) => variables =>
    {
        var values = new CelRuntimeValue[items.Length];
        for (var i = 0; i < items.Length; i++)
        {
            values[i] = items[i](variables);
        }

        return CelRuntimeValue.Of(values);
    };

    private static CelEvaluator Not(CelEvaluator operand) => variables => CelRuntimeValue.Of(!operand(variables).AsBool);

    private static CelEvaluator Negate(CelEvaluator operand) => variables =>
    {
        var value = operand(variables);
        return value.Kind switch
        {
            CelValueKind.Int when value.AsInt != long.MinValue => CelRuntimeValue.Of(-value.AsInt),
            CelValueKind.Double => CelRuntimeValue.Of(-value.AsDouble),
            _ => throw new CelEvaluationException($"cannot negate {value.Kind}"),
        };
    };

    // && (decisive false) and || (decisive true): the first operand equal to the decisive value decides, even when the
    // other is an error; otherwise an error of either operand is the result.
    private static CelEvaluator Logical(CelEvaluator left, CelEvaluator right, bool decisive)
    {
        var decided = CelRuntimeValue.Of(decisive);
        var undecided = CelRuntimeValue.Of(!decisive);
        return variables =>
        {
            var error = Operand(left, variables, decisive, out var leftDecides);
            if (leftDecides)
            {
                return decided;
            }

            var rightError = Operand(right, variables, decisive, out var rightDecides);
            if (rightDecides)
            {
                return decided;
            }

            var failure = error ?? rightError;
            return failure is null ? undecided : throw failure;
        };
    }

    private static CelEvaluationException? Operand(CelEvaluator operand, CelRuntimeValue[] variables, bool decisive, out bool decides)
    {
        decides = false;
        try
        {
            var value = operand(variables);
            if (value.Kind != CelValueKind.Bool)
            {
                return new CelEvaluationException($"expected a bool, found {value.Kind}");
            }

            decides = value.AsBool == decisive;
            return null;
        }
        catch (CelEvaluationException error)
        {
            return error;
        }
    }

    private static CelEvaluator Binary(string op, CelEvaluator left, CelEvaluator right) => op switch
    {
        "==" => variables => CelRuntimeValue.Of(left(variables).EqualTo(right(variables))),
        "!=" => variables => CelRuntimeValue.Of(!left(variables).EqualTo(right(variables))),
        "<" => variables => CelRuntimeValue.Of(left(variables).CompareTo(right(variables)) < 0),
        "<=" => variables => CelRuntimeValue.Of(left(variables).CompareTo(right(variables)) <= 0),
        ">" => variables => CelRuntimeValue.Of(left(variables).CompareTo(right(variables)) > 0),
        ">=" => variables => CelRuntimeValue.Of(left(variables).CompareTo(right(variables)) >= 0),
        "in" => variables => CelRuntimeValue.Of(CelArithmetic.Contains(right(variables), left(variables))),
        _ => variables => CelArithmetic.Apply(op, left(variables), right(variables)),
    };

    private static CelEvaluator Conditional(CelEvaluator condition, CelEvaluator then, CelEvaluator otherwise)
        => variables => condition(variables).AsBool ? then(variables) : otherwise(variables);

    private CelEvaluator Comprehension(CelComprehension comprehension)
    {
        var range = Compile(comprehension.Range);
        var slot = scope.Count;
        scope.Add(comprehension.Variable);
        variableCount = Math.Max(variableCount, scope.Count);
        var body = Compile(comprehension.Body);
        scope.RemoveAt(scope.Count - 1);
        return comprehension.Macro switch
        {
            "all" => variables => Quantified(range(variables), body, variables, slot, decisive: false),
            "exists" => variables => Quantified(range(variables), body, variables, slot, decisive: true),
            "exists_one" => variables => ExistsOne(range(variables), body, variables, slot),
            "filter" => variables => Filter(range(variables), body, variables, slot),
            _ => variables => Map(range(variables), body, variables, slot),
        };
    }

    // all (decisive false) and exists (decisive true): an item deciding wins over errors on other items, as the
    // macros' && / || expansion defines.
    private static CelRuntimeValue Quantified(CelRuntimeValue range, CelEvaluator body, CelRuntimeValue[] variables, int slot, bool decisive)
    {
        CelEvaluationException? error = null;
        foreach (var item in range.Items())
        {
            variables[slot] = item;
            var itemError = Operand(body, variables, decisive, out var decides);
            if (decides)
            {
                return CelRuntimeValue.Of(decisive);
            }

            error ??= itemError;
        }

        return error is null ? CelRuntimeValue.Of(!decisive) : throw error;
    }

    private static CelRuntimeValue ExistsOne(CelRuntimeValue range, CelEvaluator body, CelRuntimeValue[] variables, int slot)
    {
        var count = 0;
        foreach (var item in range.Items())
        {
            variables[slot] = item;
            if (body(variables).AsBool)
            {
                count++;
            }
        }

        return CelRuntimeValue.Of(count == 1);
    }

    private static CelRuntimeValue Filter(CelRuntimeValue range, CelEvaluator body, CelRuntimeValue[] variables, int slot)
    {
        var kept = new List<CelRuntimeValue>();
        foreach (var item in range.Items())
        {
            variables[slot] = item;
            if (body(variables).AsBool)
            {
                kept.Add(item);
            }
        }

        return CelRuntimeValue.Of(kept);
    }

    private static CelRuntimeValue Map(CelRuntimeValue range, CelEvaluator body, CelRuntimeValue[] variables, int slot)
    {
        var mapped = new List<CelRuntimeValue>();
        foreach (var item in range.Items())
        {
            variables[slot] = item;
            mapped.Add(body(variables));
        }

        return CelRuntimeValue.Of(mapped);
    }
}
