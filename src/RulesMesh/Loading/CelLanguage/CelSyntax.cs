namespace RulesMesh.Loading.CelLanguage;

/// <summary>A node of a parsed CEL expression.</summary>
internal abstract record CelSyntax;

/// <summary>A literal: an integer, double, string, boolean or null.</summary>
internal sealed record CelLiteral(CelRuntimeValue Value) : CelSyntax;

/// <summary>A name: <c>self</c>, a macro's variable, or a type name (<c>int</c>, <c>string</c>).</summary>
internal sealed record CelIdentifier(string Name) : CelSyntax;

/// <summary><c>operand.field</c>.</summary>
internal sealed record CelSelect(CelSyntax Operand, string Field) : CelSyntax;

/// <summary><c>has(operand.field)</c>: whether the field is present.</summary>
internal sealed record CelPresence(CelSyntax Operand, string Field) : CelSyntax;

/// <summary><c>operand[index]</c>.</summary>
internal sealed record CelIndex(CelSyntax Operand, CelSyntax Index) : CelSyntax;

/// <summary>A function call, global (<c>size(x)</c>, Target null) or on a receiver (<c>x.size()</c>).</summary>
internal sealed record CelCall(CelSyntax? Target, string Function, IReadOnlyList<CelSyntax> Arguments) : CelSyntax;

/// <summary>A list literal <c>[a, b]</c>.</summary>
internal sealed record CelList(IReadOnlyList<CelSyntax> Items) : CelSyntax;

/// <summary><c>!operand</c> or <c>-operand</c>.</summary>
internal sealed record CelUnary(string Operator, CelSyntax Operand) : CelSyntax;

/// <summary>A binary operator: <c>&amp;&amp; || == != &lt; &lt;= &gt; &gt;= in + - * / %</c>.</summary>
internal sealed record CelBinary(string Operator, CelSyntax Left, CelSyntax Right) : CelSyntax;

/// <summary><c>condition ? then : otherwise</c>.</summary>
internal sealed record CelConditional(CelSyntax Condition, CelSyntax Then, CelSyntax Otherwise) : CelSyntax;

/// <summary>A macro over a list or map: <c>range.all(variable, body)</c>, <c>exists</c>, <c>exists_one</c>, <c>filter</c>, <c>map</c>.</summary>
internal sealed record CelComprehension(string Macro, CelSyntax Range, string Variable, CelSyntax Body) : CelSyntax;
