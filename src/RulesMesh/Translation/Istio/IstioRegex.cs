using System.Text;

namespace RulesMesh.Translation.Istio;

/// <summary>Go's <c>regexp.QuoteMeta</c>, which istiod uses when it turns literal text into an RE2 pattern.</summary>
internal static class IstioRegex
{
    private const string Special = @"\.+*?()|[]{}^$";

    /// <summary><paramref name="text"/> with every RE2 metacharacter escaped by a backslash, so it matches itself.</summary>
    public static string QuoteMeta(string text)
    {
        var quoted = new StringBuilder(text.Length * 2);
        foreach (var c in text)
        {
            if (Special.Contains(c, StringComparison.Ordinal))
            {
                quoted.Append('\\');
            }

            quoted.Append(c);
        }

        return quoted.ToString();
    }
}
