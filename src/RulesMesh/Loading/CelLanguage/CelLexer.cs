using System.Collections.Immutable;
using System.Globalization;
using System.Text;

namespace RulesMesh.Loading.CelLanguage;

/// <summary>
/// Splits a CEL expression into tokens, as the CEL language definition's lexical rules describe them: identifiers,
/// decimal and hexadecimal integers, doubles, quoted and triple-quoted strings (raw with an <c>r</c> prefix) and
/// operators. Bytes and unsigned literals are not part of the subset compiled here: they are refused, and such a rule
/// is left to the Cel package.
/// </summary>
internal static class CelLexer
{
    private static readonly ImmutableArray<string> Symbols = ["&&", "||", "==", "!=", "<=", ">=", "<", ">", "!", "?", ":", "+", "-", "*", "/", "%", ".", ",", "(", ")", "[", "]", "{", "}"];

    /// <summary>The tokens of <paramref name="expression"/>, ending with <see cref="CelTokenKind.End"/>.</summary>
    public static List<CelToken> Tokenize(string expression)
    {
        var tokens = new List<CelToken>();
        var position = 0;
        while (true)
        {
            while (position < expression.Length && char.IsWhiteSpace(expression[position]))
            {
                position++;
            }

            if (position + 1 < expression.Length && expression[position] == '/' && expression[position + 1] == '/')
            {
                while (position < expression.Length && expression[position] != '\n')
                {
                    position++;
                }

                continue;
            }

            if (position >= expression.Length)
            {
                tokens.Add(new CelToken(CelTokenKind.End, string.Empty, position));
                return tokens;
            }

            tokens.Add(Next(expression, ref position));
        }
    }

    private static CelToken Next(string expression, ref int position)
    {
        var start = position;
        var c = expression[position];
        if (c is 'r' or 'R' && position + 1 < expression.Length && expression[position + 1] is '"' or '\'')
        {
            position++;
            return new CelToken(CelTokenKind.String, ReadString(expression, ref position, raw: true), start);
        }

        if (c is 'b' or 'B' && position + 1 < expression.Length && expression[position + 1] is '"' or '\'' or 'r' or 'R')
        {
            throw new CelUnsupportedException("bytes literals");
        }

        if (c is '"' or '\'')
        {
            return new CelToken(CelTokenKind.String, ReadString(expression, ref position, raw: false), start);
        }

        if (char.IsAsciiLetter(c) || c == '_')
        {
            while (position < expression.Length && (char.IsAsciiLetterOrDigit(expression[position]) || expression[position] == '_'))
            {
                position++;
            }

            return new CelToken(CelTokenKind.Identifier, expression[start..position], start);
        }

        if (char.IsAsciiDigit(c) || (c == '.' && position + 1 < expression.Length && char.IsAsciiDigit(expression[position + 1])))
        {
            return ReadNumber(expression, ref position);
        }

        foreach (var symbol in Symbols)
        {
            if (string.CompareOrdinal(expression, position, symbol, 0, symbol.Length) == 0)
            {
                position += symbol.Length;
                return new CelToken(CelTokenKind.Symbol, symbol, start);
            }
        }

        throw new CelSyntaxException($"unexpected character '{c}' at offset {position}");
    }

    private static CelToken ReadNumber(string expression, ref int position)
    {
        var start = position;
        if (expression[position] == '0' && position + 1 < expression.Length && expression[position + 1] is 'x' or 'X')
        {
            position += 2;
            while (position < expression.Length && char.IsAsciiHexDigit(expression[position]))
            {
                position++;
            }

            RefuseUnsigned(expression, position);
            var hex = long.Parse(expression.AsSpan(start + 2, position - start - 2), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture);
            return new CelToken(CelTokenKind.Integer, hex.ToString(CultureInfo.InvariantCulture), start);
        }

        var isDouble = false;
        while (position < expression.Length && char.IsAsciiDigit(expression[position]))
        {
            position++;
        }

        if (position + 1 < expression.Length && expression[position] == '.' && char.IsAsciiDigit(expression[position + 1]))
        {
            isDouble = true;
            position++;
            while (position < expression.Length && char.IsAsciiDigit(expression[position]))
            {
                position++;
            }
        }

        if (position < expression.Length && expression[position] is 'e' or 'E')
        {
            isDouble = true;
            position++;
            if (position < expression.Length && expression[position] is '+' or '-')
            {
                position++;
            }

            while (position < expression.Length && char.IsAsciiDigit(expression[position]))
            {
                position++;
            }
        }

        RefuseUnsigned(expression, position);
        return new CelToken(isDouble ? CelTokenKind.Double : CelTokenKind.Integer, expression[start..position], start);
    }

    private static void RefuseUnsigned(string expression, int position)
    {
        if (position < expression.Length && expression[position] is 'u' or 'U')
        {
            throw new CelUnsupportedException("unsigned integer literals");
        }
    }

    private static string ReadString(string expression, ref int position, bool raw)
    {
        var quote = expression[position];
        var triple = position + 2 < expression.Length && expression[position + 1] == quote && expression[position + 2] == quote;
        var delimiter = new string(quote, triple ? 3 : 1);
        position += delimiter.Length;
        var text = new StringBuilder();
        while (true)
        {
            if (position >= expression.Length || (!triple && expression[position] is '\n' or '\r'))
            {
                throw new CelSyntaxException("a string literal is not closed");
            }

            if (string.CompareOrdinal(expression, position, delimiter, 0, delimiter.Length) == 0)
            {
                position += delimiter.Length;
                return text.ToString();
            }

            if (expression[position] == '\\' && !raw)
            {
                position++;
                AppendEscape(expression, ref position, text);
                continue;
            }

            text.Append(expression[position++]);
        }
    }

    private static void AppendEscape(string expression, ref int position, StringBuilder text)
    {
        if (position >= expression.Length)
        {
            throw new CelSyntaxException("a string literal ends in an escape");
        }

        var c = expression[position++];
        switch (c)
        {
            case 'a': text.Append('\a'); break;
            case 'b': text.Append('\b'); break;
            case 'f': text.Append('\f'); break;
            case 'n': text.Append('\n'); break;
            case 'r': text.Append('\r'); break;
            case 't': text.Append('\t'); break;
            case 'v': text.Append('\v'); break;
            case '\\' or '\'' or '"' or '`' or '?': text.Append(c); break;
            case 'x' or 'X': text.Append(char.ConvertFromUtf32(ReadDigits(expression, ref position, 2, 16))); break;
            case 'u': text.Append(char.ConvertFromUtf32(ReadDigits(expression, ref position, 4, 16))); break;
            case 'U': text.Append(char.ConvertFromUtf32(ReadDigits(expression, ref position, 8, 16))); break;
            case >= '0' and <= '3':
                position--;
                text.Append(char.ConvertFromUtf32(ReadDigits(expression, ref position, 3, 8)));
                break;
            default: throw new CelSyntaxException($"unknown escape \\{c} in a string literal");
        }
    }

    private static int ReadDigits(string expression, ref int position, int count, int radix)
    {
        if (position + count > expression.Length)
        {
            throw new CelSyntaxException("an escape in a string literal is cut short");
        }

        var value = 0;
        for (var i = 0; i < count; i++)
        {
            var c = expression[position + i];
            var digit = char.IsAsciiHexDigit(c) ? Convert.ToInt32(c.ToString(), 16) : radix;
            if (digit >= radix)
            {
                throw new CelSyntaxException("an escape in a string literal has a bad digit");
            }

            value = (value * radix) + digit;
        }

        position += count;
        return value;
    }
}
