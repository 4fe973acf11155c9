using System.Collections.Frozen;
using System.Globalization;

namespace RulesMesh.Translation;

/// <summary>
/// Checks that a pattern is valid RE2 syntax, as Envoy's <c>safe_regex</c> (Google RE2, Perl classes, non-POSIX) parses
/// it, so that a regex Envoy would refuse never reaches it. .NET's <see cref="System.Text.RegularExpressions.Regex"/>
/// accepts much that RE2 refuses (lookaround, backreferences, possessive quantifiers, atomic groups, conditionals,
/// <c>\Z</c>, …), so it cannot serve. The rules are those of RE2's syntax page:
/// <list type="bullet">
/// <item>groups <c>(re)</c>, <c>(?:re)</c>, <c>(?P&lt;name&gt;re)</c>, <c>(?&lt;name&gt;re)</c> (name: word characters, unique),
/// flags <c>(?imsU-imsU)</c> and <c>(?imsU-imsU:re)</c>; any other <c>(?</c> is refused;</item>
/// <item>repetition <c>*</c> <c>+</c> <c>?</c> <c>{n}</c> <c>{n,}</c> <c>{n,m}</c> (n ≤ m ≤ 1000), each optionally followed by one
/// <c>?</c>; a repetition needs something to repeat and cannot follow another (<c>a**</c>, <c>a++</c>); a <c>{</c> that does
/// not start a valid count is a literal;</item>
/// <item>escapes: <c>\a \f \t \n \r \v</c>, octal <c>\0</c>–<c>\7</c> with up to two more octal digits (a lone <c>\1</c>–<c>\9</c>
/// is a backreference, refused), <c>\x</c>hh and <c>\x{h…}</c> up to 10FFFF, <c>\d \D \s \S \w \W</c>, <c>\p</c>/<c>\P</c> with a
/// one-letter or braced name, <c>\A \z \b \B \C</c>, <c>\Q…\E</c>, and any escaped ASCII punctuation; every other escaped
/// letter or digit is refused;</item>
/// <item>classes <c>[…]</c> and <c>[^…]</c>: a leading <c>]</c> is literal, ranges must ascend, escapes as above (but not
/// <c>\A \z \b \B \C \Q</c>), <c>[:name:]</c> and <c>[:^name:]</c> for the 14 POSIX names; unterminated classes are refused;</item>
/// <item>parentheses must balance and nest at most 1000 deep (RE2's <c>max nesting depth</c>);</item>
/// <item>nested counted repetitions multiply: <c>(a{100}){100}</c> repeats 10,000 times, past RE2's 1000
/// (<c>invalid repetition size</c>); <c>*</c>, <c>+</c> and <c>?</c> do not count;</item>
/// <item><c>\p</c> names: <c>Any</c>, the Unicode general categories and scripts, case as written (RE2 matches them exactly).</item>
/// </list>
/// Not checked: the size of the compiled program, which Envoy bounds at run time.
/// </summary>
public static class Re2Syntax
{
    private const int MaxRepeat = 1000;
    private const int MaxNesting = 1000;

    // RE2's Unicode group names: Any, the general categories and the scripts of Unicode 15 (RE2 since 2022; a newer
    // script an older Envoy's RE2 does not know would make it refuse the whole listener, so newer ones are refused).
    private static readonly FrozenSet<string> UnicodeClasses = new[]
    {
        "Any", "C", "Cc", "Cf", "Co", "Cs", "L", "Ll", "Lm", "Lo", "Lt", "Lu", "M", "Mc", "Me", "Mn", "N", "Nd", "Nl", "No",
        "P", "Pc", "Pd", "Pe", "Pf", "Pi", "Po", "Ps", "S", "Sc", "Sk", "Sm", "So", "Z", "Zl", "Zp", "Zs",
        "Adlam", "Ahom", "Anatolian_Hieroglyphs", "Arabic", "Armenian", "Avestan", "Balinese", "Bamum", "Bassa_Vah", "Batak",
        "Bengali", "Bhaiksuki", "Bopomofo", "Brahmi", "Braille", "Buginese", "Buhid", "Canadian_Aboriginal", "Carian",
        "Caucasian_Albanian", "Chakma", "Cham", "Cherokee", "Chorasmian", "Common", "Coptic", "Cuneiform", "Cypriot",
        "Cypro_Minoan", "Cyrillic", "Deseret", "Devanagari", "Dives_Akuru", "Dogra", "Duployan", "Egyptian_Hieroglyphs",
        "Elbasan", "Elymaic", "Ethiopic", "Georgian", "Glagolitic", "Gothic", "Grantha", "Greek", "Gujarati",
        "Gunjala_Gondi", "Gurmukhi", "Han", "Hangul", "Hanifi_Rohingya", "Hanunoo", "Hatran", "Hebrew",
        "Hiragana", "Imperial_Aramaic", "Inherited", "Inscriptional_Pahlavi", "Inscriptional_Parthian", "Javanese", "Kaithi",
        "Kannada", "Katakana", "Kawi", "Kayah_Li", "Kharoshthi", "Khitan_Small_Script", "Khmer", "Khojki", "Khudawadi",
        "Lao", "Latin", "Lepcha", "Limbu", "Linear_A", "Linear_B", "Lisu", "Lycian", "Lydian", "Mahajani",
        "Makasar", "Malayalam", "Mandaic", "Manichaean", "Marchen", "Masaram_Gondi", "Medefaidrin", "Meetei_Mayek",
        "Mende_Kikakui", "Meroitic_Cursive", "Meroitic_Hieroglyphs", "Miao", "Modi", "Mongolian", "Mro", "Multani", "Myanmar",
        "Nabataean", "Nag_Mundari", "Nandinagari", "New_Tai_Lue", "Newa", "Nko", "Nushu", "Nyiakeng_Puachue_Hmong", "Ogham",
        "Ol_Chiki", "Old_Hungarian", "Old_Italic", "Old_North_Arabian", "Old_Permic", "Old_Persian", "Old_Sogdian",
        "Old_South_Arabian", "Old_Turkic", "Old_Uyghur", "Oriya", "Osage", "Osmanya", "Pahawh_Hmong", "Palmyrene",
        "Pau_Cin_Hau", "Phags_Pa", "Phoenician", "Psalter_Pahlavi", "Rejang", "Runic", "Samaritan", "Saurashtra", "Sharada",
        "Shavian", "Siddham", "SignWriting", "Sinhala", "Sogdian", "Sora_Sompeng", "Soyombo", "Sundanese", 
        "Syloti_Nagri", "Syriac", "Tagalog", "Tagbanwa", "Tai_Le", "Tai_Tham", "Tai_Viet", "Takri", "Tamil", "Tangsa",
        "Tangut", "Telugu", "Thaana", "Thai", "Tibetan", "Tifinagh", "Tirhuta", "Toto", "Ugaritic",
        "Vai", "Vithkuqi", "Wancho", "Warang_Citi", "Yezidi", "Yi", "Zanabazar_Square",
    }.ToFrozenSet(StringComparer.Ordinal);

    private static readonly FrozenSet<string> PosixClasses = new[]
    {
        "alnum", "alpha", "ascii", "blank", "cntrl", "digit", "graph", "lower", "print", "punct", "space", "upper", "word", "xdigit",
    }.ToFrozenSet(StringComparer.Ordinal);

    /// <summary>Null when <paramref name="pattern"/> is valid RE2; else why not, in RE2's words (e.g. <c>missing closing )</c>).</summary>
    public static string? Error(string pattern)
    {
        var parser = new Parser(pattern);
        return parser.Run();
    }

    /// <summary>Whether <paramref name="pattern"/> is valid RE2.</summary>
    public static bool IsValid(string pattern) => Error(pattern) is null;

    private sealed class Parser(string pattern)
    {
        private readonly HashSet<string> _names = new(StringComparer.Ordinal);

        // For RE2's repetition size: per open group (the whole pattern first), the largest product of nested counts of
        // an item in it; and the product of the last item, which a count multiplies.
        private readonly Stack<int> _groupProducts = new([1]);
        private int _lastProduct = 1;
        private int _i;
        private int _lastRepeat;

        // Whether the last item can take a repetition operator, and whether it is one already.
        private bool _repeatable;
        private bool _repeated;

        public string? Run()
        {
            var depth = 0;
            while (_i < pattern.Length)
            {
                var c = pattern[_i];
                string? error;
                switch (c)
                {
                    case '(':
                        if (++depth > MaxNesting)
                        {
                            return "expression nests too deeply";
                        }

                        error = Group(out var opened);
                        if (error is not null)
                        {
                            return error;
                        }

                        if (!opened)
                        {
                            depth--;
                        }
                        else
                        {
                            _groupProducts.Push(1);
                        }

                        break;
                    case ')':
                        if (--depth < 0)
                        {
                            return "unexpected )";
                        }

                        _i++;
                        Item(_groupProducts.Pop());
                        break;
                    case '|':
                        _i++;
                        Operator();
                        break;
                    case '*' or '+' or '?':
                        error = Repeat(_i, _i + 1);
                        if (error is not null)
                        {
                            return error;
                        }

                        break;
                    case '{':
                        var countStart = _i;
                        if (Count(out var countError, out var times) is { } end)
                        {
                            error = Repeat(_i, end) ?? countError ?? Multiply(times, pattern[countStart..end]);
                            if (error is not null)
                            {
                                return error;
                            }
                        }
                        else
                        {
                            _i++;
                            Item();
                        }

                        break;
                    case '[':
                        error = Class();
                        if (error is not null)
                        {
                            return error;
                        }

                        Item();
                        break;
                    case '\\':
                        error = Escape(inClass: false, out _);
                        if (error is not null)
                        {
                            return error;
                        }

                        break;
                    default:
                        _i++;
                        Item();
                        break;
                }
            }

            return depth > 0 ? "missing closing )" : null;
        }

        private void Item(int product = 1)
        {
            _repeatable = true;
            _repeated = false;
            _lastProduct = product;
            Widen(product);
        }

        /// <summary>
        /// A count of <paramref name="times"/> repeats the last item: RE2 refuses nested counts whose product passes 1000
        /// (its RepetitionWalker divides 1000 by each count, outermost first, and refuses a quotient of 0).
        /// </summary>
        private string? Multiply(int times, string text)
        {
            if (times <= 0)
            {
                return null;
            }

            var product = (long)_lastProduct * times;
            if (product > MaxRepeat)
            {
                return $"invalid repetition size: {text}";
            }

            _lastProduct = (int)product;
            Widen(_lastProduct);
            return null;
        }

        private void Widen(int product)
        {
            if (product > _groupProducts.Peek())
            {
                _groupProducts.Push(Math.Max(_groupProducts.Pop(), product));
            }
        }

        private void Operator()
        {
            _repeatable = false;
            _repeated = false;
        }

        /// <summary>A repetition operator spanning <paramref name="start"/> to <paramref name="end"/>, with its optional lazy <c>?</c>.</summary>
        private string? Repeat(int start, int end)
        {
            if (end < pattern.Length && pattern[end] == '?')
            {
                end++;
            }

            var text = pattern[start..end];
            if (_repeated)
            {
                // RE2 names the two operators in a row, e.g. "bad repetition operator: **".
                return $"bad repetition operator: {pattern[_lastRepeat..end]}";
            }

            if (!_repeatable)
            {
                return $"missing argument to repetition operator: {text}";
            }

            _lastRepeat = start;
            _repeated = true;
            _i = end;
            return null;
        }

        /// <summary>
        /// The end of a <c>{n}</c>, <c>{n,}</c> or <c>{n,m}</c> at the cursor, or null when the brace is a literal;
        /// <paramref name="times"/> is its maximum, or its minimum when it has none (RE2's repetition size).
        /// </summary>
        private int? Count(out string? error, out int times)
        {
            error = null;
            times = 0;
            var j = _i + 1;
            var min = Number(ref j);
            if (min is null)
            {
                return null;
            }

            var max = min;
            if (j < pattern.Length && pattern[j] == ',')
            {
                j++;
                max = j < pattern.Length && pattern[j] == '}' ? -1 : Number(ref j);
                if (max is null)
                {
                    return null;
                }
            }

            if (j >= pattern.Length || pattern[j] != '}')
            {
                return null;
            }

            j++;
            if (min > MaxRepeat || max > MaxRepeat || (max >= 0 && max < min))
            {
                error = $"invalid repetition size: {pattern[_i..j]}";
            }

            times = max >= 0 ? max.Value : min.Value;
            return j;
        }

        private int? Number(ref int j)
        {
            var start = j;
            long value = 0;
            while (j < pattern.Length && char.IsAsciiDigit(pattern[j]))
            {
                value = Math.Min((value * 10) + (pattern[j] - '0'), int.MaxValue);
                j++;
            }

            return j == start ? null : (int)value;
        }

        /// <summary>A <c>(</c>: a capture, a named capture, a non-capturing group, or flags (<paramref name="opened"/> false: no group to close).</summary>
        private string? Group(out bool opened)
        {
            opened = true;
            if (_i + 1 >= pattern.Length || pattern[_i + 1] != '?')
            {
                _i++;
                Operator();
                return null;
            }

            var rest = pattern[(_i + 2)..];
            if (rest.StartsWith("P<", StringComparison.Ordinal) || (rest.StartsWith('<') && !rest.StartsWith("<=", StringComparison.Ordinal) && !rest.StartsWith("<!", StringComparison.Ordinal)))
            {
                var nameStart = _i + 2 + (rest[0] == 'P' ? 2 : 1);
                var close = pattern.IndexOf('>', nameStart);
                if (close < 0)
                {
                    return $"invalid named capture: {pattern[_i..]}";
                }

                var name = pattern[nameStart..close];
                if (name.Length == 0 || !name.All(static ch => char.IsAsciiLetterOrDigit(ch) || ch == '_'))
                {
                    return $"invalid named capture: {pattern[_i..(close + 1)]}";
                }

                if (!_names.Add(name))
                {
                    return $"duplicate capture group name: {name}";
                }

                _i = close + 1;
                Operator();
                return null;
            }

            // Flags: (?flags) or (?flags:re), flags from imsU with at most one '-' not at the end.
            var j = _i + 2;
            var negated = false;
            var any = false;
            while (j < pattern.Length)
            {
                var c = pattern[j];
                if (c is 'i' or 'm' or 's' or 'U')
                {
                    any = true;
                    j++;
                }
                else if (c == '-' && !negated)
                {
                    negated = true;
                    any = false;
                    j++;
                }
                else if (c is ':' or ')' && (any || !negated) && !(c == ')' && j == _i + 2))
                {
                    // (?i) sets flags for the rest of the group and is nothing to repeat.
                    _i = j + 1;
                    opened = c == ':';
                    Operator();
                    return null;
                }
                else
                {
                    break;
                }
            }

            var end = Math.Min(pattern.Length, j + 1);
            return $"invalid or unsupported Perl syntax: {pattern[_i..end]}";
        }

        /// <summary>A bracketed class at the cursor, up to its closing <c>]</c>.</summary>
        private string? Class()
        {
            var start = _i;
            _i++;
            if (_i < pattern.Length && pattern[_i] == '^')
            {
                _i++;
            }

            var first = true;
            while (_i < pattern.Length && (pattern[_i] != ']' || first))
            {
                first = false;
                if (pattern[_i] == '[' && _i + 1 < pattern.Length && pattern[_i + 1] == ':')
                {
                    var close = pattern.IndexOf(":]", _i + 2, StringComparison.Ordinal);
                    if (close >= 0)
                    {
                        var name = pattern[(_i + 2)..close].TrimStart('^');
                        if (!PosixClasses.Contains(name))
                        {
                            return $"invalid character class range: {pattern[_i..(close + 2)]}";
                        }

                        _i = close + 2;
                        continue;
                    }
                }

                var rangeStart = _i;
                var error = ClassChar(out var low);
                if (error is not null)
                {
                    return error;
                }

                if (low >= 0 && _i + 1 < pattern.Length && pattern[_i] == '-' && pattern[_i + 1] != ']')
                {
                    _i++;
                    error = ClassChar(out var high);
                    if (error is not null)
                    {
                        return error;
                    }

                    if (high < 0 || high < low)
                    {
                        return $"invalid character class range: {pattern[rangeStart.._i]}";
                    }
                }
            }

            if (_i >= pattern.Length)
            {
                return $"missing closing ]: {pattern[start..]}";
            }

            _i++;
            return null;
        }

        /// <summary>One class member: a character (its code point in <paramref name="value"/>) or an escaped class (-1).</summary>
        private string? ClassChar(out int value)
        {
            if (pattern[_i] == '\\')
            {
                return Escape(inClass: true, out value);
            }

            var width = char.IsSurrogatePair(pattern, _i) ? 2 : 1;
            value = width == 2 ? char.ConvertToUtf32(pattern[_i], pattern[_i + 1]) : pattern[_i];
            _i += width;
            return null;
        }

        /// <summary>A backslash escape at the cursor; <paramref name="value"/> is its code point, or -1 for a class or an assertion.</summary>
        private string? Escape(bool inClass, out int value)
        {
            value = -1;
            var start = _i;
            if (_i + 1 >= pattern.Length)
            {
                return @"trailing backslash at end of expression";
            }

            var c = pattern[_i + 1];
            _i += 2;
            switch (c)
            {
                case 'a': value = 7; break;
                case 'f': value = 12; break;
                case 't': value = 9; break;
                case 'n': value = 10; break;
                case 'r': value = 13; break;
                case 'v': value = 11; break;
                case >= '0' and <= '7':
                    if (c != '0' && (_i >= pattern.Length || pattern[_i] is < '0' or > '7'))
                    {
                        // \1 to \7 alone are backreferences, which RE2 does not have.
                        return $"invalid escape sequence: {pattern[start.._i]}";
                    }

                    value = c - '0';
                    for (var n = 0; n < 2 && _i < pattern.Length && pattern[_i] is >= '0' and <= '7'; n++)
                    {
                        value = (value * 8) + (pattern[_i++] - '0');
                    }

                    break;
                case 'x':
                    return Hex(start, out value) ?? Item(inClass);
                case 'd' or 'D' or 's' or 'S' or 'w' or 'W':
                    break;
                case 'p' or 'P':
                    return UnicodeClass(start) ?? Item(inClass);
                case 'A' or 'z' or 'b' or 'B' or 'C' when !inClass:
                    // Empty-width assertions and \C (any byte); RE2 lets each be repeated.
                    break;
                case 'Q' when !inClass:
                    var end = pattern.IndexOf(@"\E", _i, StringComparison.Ordinal);
                    _i = end < 0 ? pattern.Length : end + 2;
                    break;
                default:
                    if (c < 0x80 && !char.IsAsciiLetterOrDigit(c))
                    {
                        value = c;
                        break;
                    }

                    return $"invalid escape sequence: {pattern[start.._i]}";
            }

            return Item(inClass);
        }

        private string? Item(bool inClass)
        {
            if (!inClass)
            {
                Item();
            }

            return null;
        }

        private string? Hex(int start, out int value)
        {
            value = 0;
            if (_i < pattern.Length && pattern[_i] == '{')
            {
                var close = pattern.IndexOf('}', _i);
                var digits = close < 0 ? string.Empty : pattern[(_i + 1)..close];
                if (digits.Length == 0 || digits.Length > 8 || !int.TryParse(digits, NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out value) || value > 0x10FFFF)
                {
                    return $"invalid escape sequence: {pattern[start..Math.Min(pattern.Length, close < 0 ? pattern.Length : close + 1)]}";
                }

                _i = close + 1;
                return null;
            }

            if (_i + 2 > pattern.Length || !char.IsAsciiHexDigit(pattern[_i]) || !char.IsAsciiHexDigit(pattern[_i + 1]))
            {
                return $"invalid escape sequence: {pattern[start..Math.Min(pattern.Length, _i + 2)]}";
            }

            value = int.Parse(pattern.AsSpan(_i, 2), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture);
            _i += 2;
            return null;
        }

        private string? UnicodeClass(int start)
        {
            if (_i >= pattern.Length)
            {
                return $"invalid character class range: {pattern[start..]}";
            }

            if (pattern[_i] != '{')
            {
                if (!UnicodeClasses.Contains(pattern[_i].ToString()))
                {
                    return $"invalid character class range: {pattern[start..(_i + 1)]}";
                }

                _i++;
                return null;
            }

            var close = pattern.IndexOf('}', _i);
            // One '^' negates the class; RE2 takes no more.
            var name = close < 0 ? string.Empty : pattern[(_i + 1)..close];
            name = name.StartsWith('^') ? name[1..] : name;
            if (!UnicodeClasses.Contains(name))
            {
                return $"invalid character class range: {pattern[start..(close < 0 ? pattern.Length : close + 1)]}";
            }

            _i = close + 1;
            return null;
        }
    }
}
