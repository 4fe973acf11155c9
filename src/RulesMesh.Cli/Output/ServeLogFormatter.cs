using System.Globalization;
using System.Text;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Logging.Console;

namespace RulesMesh.Cli.Output;

/// <summary>
/// <c>serve</c>'s log lines: <c>2026-12-05T10:00:00.000Z warn: file source: …</c>. The simple console formatter names
/// each line's logger by its .NET type and event id (<c>RulesMesh.Server.Sources.Files.FileSource[0]</c>); an operator
/// reads the part of the server that speaks in words instead.
/// </summary>
internal sealed class ServeLogFormatter() : ConsoleFormatter(FormatterName)
{
    /// <summary>The name the console logger knows this formatter by.</summary>
    public const string FormatterName = "rulesmesh-serve";

    /// <inheritdoc />
    public override void Write<TState>(in LogEntry<TState> logEntry, IExternalScopeProvider? scopeProvider, TextWriter textWriter)
    {
        var message = logEntry.Formatter(logEntry.State, logEntry.Exception);
        if (string.IsNullOrEmpty(message) && logEntry.Exception is null)
        {
            return;
        }

        textWriter.Write(DateTime.UtcNow.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z' ", CultureInfo.InvariantCulture));
        textWriter.Write(Level(logEntry.LogLevel));
        textWriter.Write(": ");
        textWriter.Write(Speaker(logEntry.Category));
        textWriter.Write(": ");
        textWriter.Write(Indented(message));
        textWriter.WriteLine();
        if (logEntry.Exception is { } exception)
        {
            // An exception here is a fault of RulesMesh, not of the input: its stack trace is for whoever reports it.
            textWriter.WriteLine(exception.ToString());
        }
    }

    /// <summary>
    /// <paramref name="message"/> with each line after the first indented, and other control characters escaped: a
    /// message that carries input (a file's problems, a proxy's NACK text) starts no line of its own, so none can pass
    /// for an entry.
    /// </summary>
    internal static string Indented(string message)
    {
        if (!message.Any(char.IsControl))
        {
            return message;
        }

        var text = new StringBuilder(message.Length + 16);
        foreach (var c in message)
        {
            text.Append(c switch
            {
                '\n' => "\n    ",
                '\t' => "\t",
                _ when char.IsControl(c) => string.Create(CultureInfo.InvariantCulture, $"\\u{(int)c:x4}"),
                _ => c.ToString(),
            });
        }

        return text.ToString();
    }

    // The simple console formatter's four-letter words, so the lines read as before.
    private static string Level(LogLevel level) => level switch
    {
        LogLevel.Trace => "trce",
        LogLevel.Debug => "dbug",
        LogLevel.Information => "info",
        LogLevel.Warning => "warn",
        LogLevel.Error => "fail",
        _ => "crit",
    };

    /// <summary>The category's last name in lower-case words: <c>RulesMesh.Server.ControlPlane</c> is "control plane".</summary>
    internal static string Speaker(string category)
    {
        // A generic type's category carries its type arguments (Foo<Bar.Baz>): the name is the type's own.
        var type = category.IndexOf('<', StringComparison.Ordinal) is var generic and >= 0 ? category[..generic] : category;
        var name = type[(type.LastIndexOf('.') + 1)..];
        var words = new StringBuilder(name.Length + 4);
        for (var index = 0; index < name.Length; index++)
        {
            var letter = name[index];
            // A capital starts a word unless it continues an acronym ("XdsServer" and "ADSServer" alike).
            if (index > 0 && char.IsUpper(letter) && (char.IsLower(name[index - 1]) || (index + 1 < name.Length && char.IsLower(name[index + 1]))))
            {
                words.Append(' ');
            }

            words.Append(char.ToLowerInvariant(letter));
        }

        return words.ToString();
    }
}
