using System.Runtime.CompilerServices;

namespace RulesMesh.Translation.Listeners;

/// <summary>
/// Reports a warning once per translation: rules that run per service or per port (a Gateway-wide policy, a bad VIP
/// seen on every port) would otherwise repeat the same text.
/// </summary>
internal static class WarningsOnce
{
    private static readonly ConditionalWeakTable<TranslationContext, HashSet<(string Subject, string Message)>> Seen = new();

    /// <summary>Warns about <paramref name="subject"/> unless this exact warning was already given in <paramref name="context"/>.</summary>
    public static void Warn(TranslationContext context, string subject, string message)
    {
        var seen = Seen.GetValue(context, static _ => []);
        lock (seen)
        {
            if (!seen.Add((subject, message)))
            {
                return;
            }
        }

        context.Warn(subject, message);
    }
}
