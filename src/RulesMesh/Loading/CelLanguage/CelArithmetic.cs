namespace RulesMesh.Loading.CelLanguage;

/// <summary>CEL's arithmetic operators and <c>in</c>: int arithmetic is checked, ints and doubles do not mix.</summary>
internal static class CelArithmetic
{
    /// <summary><paramref name="left"/> <paramref name="op"/> <paramref name="right"/> for <c>+ - * / %</c>.</summary>
    public static CelRuntimeValue Apply(string op, CelRuntimeValue left, CelRuntimeValue right)
    {
        try
        {
            return (op, left.Kind, right.Kind) switch
            {
                ("+", CelValueKind.Int, CelValueKind.Int) => CelRuntimeValue.Of(checked(left.AsInt + right.AsInt)),
                ("-", CelValueKind.Int, CelValueKind.Int) => CelRuntimeValue.Of(checked(left.AsInt - right.AsInt)),
                ("*", CelValueKind.Int, CelValueKind.Int) => CelRuntimeValue.Of(checked(left.AsInt * right.AsInt)),
                ("/", CelValueKind.Int, CelValueKind.Int) => CelRuntimeValue.Of(checked(left.AsInt / right.AsInt)),
                ("%", CelValueKind.Int, CelValueKind.Int) => CelRuntimeValue.Of(checked(left.AsInt % right.AsInt)),
                ("+", CelValueKind.Double, CelValueKind.Double) => CelRuntimeValue.Of(left.AsDouble + right.AsDouble),
                ("-", CelValueKind.Double, CelValueKind.Double) => CelRuntimeValue.Of(left.AsDouble - right.AsDouble),
                ("*", CelValueKind.Double, CelValueKind.Double) => CelRuntimeValue.Of(left.AsDouble * right.AsDouble),
                ("/", CelValueKind.Double, CelValueKind.Double) => CelRuntimeValue.Of(left.AsDouble / right.AsDouble),
                ("+", CelValueKind.String, CelValueKind.String) => CelRuntimeValue.Of(left.AsString() + right.AsString()),
                ("+", CelValueKind.List, CelValueKind.List) => Concatenate(left, right),
                ("+", CelValueKind.Duration, CelValueKind.Duration) => CelRuntimeValue.Duration(left.DurationNanoseconds + right.DurationNanoseconds),
                ("-", CelValueKind.Duration, CelValueKind.Duration) => CelRuntimeValue.Duration(left.DurationNanoseconds - right.DurationNanoseconds),
                _ => throw new CelEvaluationException($"no operator {op} for {left.Kind} and {right.Kind}"),
            };
        }
        catch (Exception exception) when (exception is OverflowException or DivideByZeroException)
        {
            throw new CelEvaluationException($"{op}: {exception.Message}");
        }
    }

    private static CelRuntimeValue Concatenate(CelRuntimeValue left, CelRuntimeValue right)
    {
        var items = new List<CelRuntimeValue>();
        foreach (var item in left.Items())
        {
            items.Add(item);
        }

        foreach (var item in right.Items())
        {
            items.Add(item);
        }

        return CelRuntimeValue.Of(items);
    }

    /// <summary><c>item in container</c>: an equal item of a list, or a key of a map.</summary>
    public static bool Contains(CelRuntimeValue container, CelRuntimeValue item)
    {
        if (container.Kind == CelValueKind.Map)
        {
            return item.Kind == CelValueKind.String && container.TryGetKey(item.AsString(), out _);
        }

        foreach (var candidate in container.Items())
        {
            if (item.EqualTo(candidate))
            {
                return true;
            }
        }

        return false;
    }
}
