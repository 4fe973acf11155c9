using System.Globalization;
using System.Text;

namespace RulesMesh.Cli.Reports;

/// <summary>
/// A diagnostic as one line: input may carry line breaks and other control characters into a message (an AuthorizationPolicy
/// <c>ipBlocks</c> entry, a ServiceEntry protocol), which written as they are would forge lines of their own on standard
/// error for people and for tools reading it line by line; they are written escaped (<c>\n</c>, <c>\r</c>, <c>\t</c>, <c>\u0007</c>).
/// </summary>
internal static class OneLine
{
    public static string Of(string text)
    {
        if (!text.Any(char.IsControl))
        {
            return text;
        }

        var line = new StringBuilder(text.Length + 8);
        foreach (var c in text)
        {
            line.Append(c switch
            {
                '\n' => @"\n",
                '\r' => @"\r",
                '\t' => @"\t",
                _ when char.IsControl(c) => string.Create(CultureInfo.InvariantCulture, $"\\u{(int)c:x4}"),
                _ => c.ToString(),
            });
        }

        return line.ToString();
    }
}
