using System.Collections.Frozen;
using System.Globalization;

namespace RulesMesh.Loading.CelLanguage;

/// <summary>
/// Parses a CEL expression into a <see cref="CelSyntax"/> tree by recursive descent over the CEL grammar: conditional,
/// or, and, relations, additive and multiplicative operators, unary operators, member selection, indexing and calls.
/// The macros <c>has</c>, <c>all</c>, <c>exists</c>, <c>exists_one</c>, <c>filter</c> and <c>map</c> are expanded here.
/// </summary>
internal sealed class CelParser
{
    private static readonly FrozenSet<string> Relations = new[] { "==", "!=", "<", "<=", ">", ">=" }.ToFrozenSet(StringComparer.Ordinal);

    private readonly List<CelToken> tokens;
    private int next;

    private CelParser(List<CelToken> tokens) => this.tokens = tokens;

    private CelToken Current => tokens[next];

    /// <summary>The syntax tree of <paramref name="expression"/>.</summary>
    public static CelSyntax Parse(string expression)
    {
        var parser = new CelParser(CelLexer.Tokenize(expression));
        var syntax = parser.Expression();
        if (parser.Current.Kind != CelTokenKind.End)
        {
            throw new CelSyntaxException($"unexpected '{parser.Current.Text}' at offset {parser.Current.Offset}");
        }

        return syntax;
    }

    private CelSyntax Expression()
    {
        var condition = Or();
        if (!Accept("?"))
        {
            return condition;
        }

        var then = Or();
        Expect(":");
        return new CelConditional(condition, then, Expression());
    }

    private CelSyntax Or()
    {
        var left = And();
        while (Accept("||"))
        {
            left = new CelBinary("||", left, And());
        }

        return left;
    }

    private CelSyntax And()
    {
        var left = Relation();
        while (Accept("&&"))
        {
            left = new CelBinary("&&", left, Relation());
        }

        return left;
    }

    private CelSyntax Relation()
    {
        var left = Additive();
        while (true)
        {
            if (Current.Kind == CelTokenKind.Symbol && Relations.Contains(Current.Text))
            {
                var op = Take().Text;
                left = new CelBinary(op, left, Additive());
            }
            else if (Current is { Kind: CelTokenKind.Identifier, Text: "in" })
            {
                Take();
                left = new CelBinary("in", left, Additive());
            }
            else
            {
                return left;
            }
        }
    }

    private CelSyntax Additive()
    {
        var left = Multiplicative();
        while (Current.Is("+") || Current.Is("-"))
        {
            var op = Take().Text;
            left = new CelBinary(op, left, Multiplicative());
        }

        return left;
    }

    private CelSyntax Multiplicative()
    {
        var left = Unary();
        while (Current.Is("*") || Current.Is("/") || Current.Is("%"))
        {
            var op = Take().Text;
            left = new CelBinary(op, left, Unary());
        }

        return left;
    }

    private CelSyntax Unary()
    {
        if (Current.Is("!") || Current.Is("-"))
        {
            var op = Take().Text;
            return new CelUnary(op, Unary());
        }

        return Member();
    }

    private CelSyntax Member()
    {
        var operand = Primary();
        while (true)
        {
            if (Accept("."))
            {
                var name = ExpectIdentifier();
                operand = Accept("(") ? MemberCall(operand, name) : new CelSelect(operand, name);
            }
            else if (Accept("["))
            {
                var index = Expression();
                Expect("]");
                operand = new CelIndex(operand, index);
            }
            else
            {
                return operand;
            }
        }
    }

    private CelSyntax MemberCall(CelSyntax target, string name)
    {
        var arguments = Arguments(")");
        if (name is "all" or "exists" or "exists_one" or "filter" or "map")
        {
            if (arguments is not [CelIdentifier variable, var body])
            {
                throw new CelUnsupportedException($"the {name} macro with {arguments.Count} arguments");
            }

            return new CelComprehension(name, target, variable.Name, body);
        }

        return new CelCall(target, name, arguments);
    }

    private CelSyntax Primary()
    {
        var token = Take();
        switch (token.Kind)
        {
            case CelTokenKind.Integer:
                return new CelLiteral(CelRuntimeValue.Of(long.TryParse(token.Text, NumberStyles.None, CultureInfo.InvariantCulture, out var integer)
                    ? integer
                    : throw new CelSyntaxException($"integer {token.Text} does not fit 64 bits")));
            case CelTokenKind.Double:
                return new CelLiteral(CelRuntimeValue.Of(double.Parse(token.Text, NumberStyles.Float, CultureInfo.InvariantCulture)));
            case CelTokenKind.String:
                return new CelLiteral(CelRuntimeValue.Of(token.Text));
            case CelTokenKind.Identifier:
                return Named(token.Text);
            case CelTokenKind.Symbol when token.Text == "(":
                var nested = Expression();
                Expect(")");
                return nested;
            case CelTokenKind.Symbol when token.Text == "[":
                return new CelList(Arguments("]"));
            case CelTokenKind.Symbol when token.Text == "{":
                throw new CelUnsupportedException("map literals");
            case CelTokenKind.Symbol when token.Text == ".":
                throw new CelUnsupportedException("qualified names");
            default:
                throw new CelSyntaxException($"unexpected '{token.Text}' at offset {token.Offset}");
        }
    }

    private CelSyntax Named(string name)
    {
        switch (name)
        {
            case "true":
                return new CelLiteral(CelRuntimeValue.True);
            case "false":
                return new CelLiteral(CelRuntimeValue.False);
            case "null":
                return new CelLiteral(CelRuntimeValue.Null);
        }

        if (!Accept("("))
        {
            return new CelIdentifier(name);
        }

        var arguments = Arguments(")");
        if (name == "has")
        {
            return arguments is [CelSelect select]
                ? new CelPresence(select.Operand, select.Field)
                : throw new CelSyntaxException("has() takes a field selection, such as has(self.name)");
        }

        return new CelCall(null, name, arguments);
    }

    private List<CelSyntax> Arguments(string close)
    {
        var arguments = new List<CelSyntax>();
        while (!Accept(close))
        {
            if (arguments.Count > 0)
            {
                Expect(",");
                if (Accept(close))
                {
                    break;
                }
            }

            arguments.Add(Expression());
        }

        return arguments;
    }

    private CelToken Take() => tokens[Current.Kind == CelTokenKind.End ? next : next++];

    private bool Accept(string symbol)
    {
        if (!Current.Is(symbol))
        {
            return false;
        }

        next++;
        return true;
    }

    private void Expect(string symbol)
    {
        if (!Accept(symbol))
        {
            throw new CelSyntaxException($"expected '{symbol}' at offset {Current.Offset}");
        }
    }

    private string ExpectIdentifier()
        => Current.Kind == CelTokenKind.Identifier ? Take().Text : throw new CelSyntaxException($"expected a name at offset {Current.Offset}");
}
