using System.CommandLine;
using System.Globalization;
using System.Numerics;
using RulesMesh.Loading;

namespace RulesMesh.Cli.Commands;

/// <summary>The options that raise (or lower) the loader's <see cref="LoaderLimits"/>, each checked against a documented maximum.</summary>
internal sealed class LimitOptions
{
    /// <summary>The highest --max-file-bytes: a larger text would not fit one .NET string.</summary>
    public const long MaximumFileBytes = 1L << 30;

    /// <summary>The highest --max-total-bytes.</summary>
    public const long MaximumTotalBytes = 16L << 30;

    /// <summary>The highest --max-documents and --max-alias-nodes.</summary>
    public const int MaximumCount = 100_000_000;

    private readonly Option<long> fileBytes = Limit("--max-file-bytes", "The most bytes one file (or standard input) may hold.", LoaderLimits.Default.MaxFileBytes, MaximumFileBytes, "bytes");
    private readonly Option<long> totalBytes = Limit("--max-total-bytes", "The most bytes all input may hold together.", LoaderLimits.Default.MaxTotalBytes, MaximumTotalBytes, "bytes");
    private readonly Option<int> documents = Limit("--max-documents", "The most YAML documents the input may hold.", LoaderLimits.Default.MaxDocuments, MaximumCount, "count");
    private readonly Option<int> depth = Limit("--max-depth", "The most levels of mappings and lists a document may nest.", LoaderLimits.Default.MaxDepth, LoaderLimits.MaximumDepth, "levels");
    private readonly Option<int> aliasNodes = Limit("--max-alias-nodes", "The most nodes a document with YAML aliases may expand to.", LoaderLimits.Default.MaxAliasNodes, MaximumCount, "count");

    /// <summary>Adds every limit option to <paramref name="command"/>.</summary>
    public void AddTo(Command command)
    {
        command.Options.Add(fileBytes);
        command.Options.Add(totalBytes);
        command.Options.Add(documents);
        command.Options.Add(depth);
        command.Options.Add(aliasNodes);
    }

    /// <summary>The limits the command line asks for.</summary>
    public LoaderLimits Read(ParseResult parseResult) => new()
    {
        MaxFileBytes = parseResult.GetValue(fileBytes),
        MaxTotalBytes = parseResult.GetValue(totalBytes),
        MaxDocuments = parseResult.GetValue(documents),
        MaxDepth = parseResult.GetValue(depth),
        MaxAliasNodes = parseResult.GetValue(aliasNodes),
    };

    /// <summary>A whole-number option from 1 to <paramref name="maximum"/>; anything else is a usage error naming the range.</summary>
    public static Option<T> Limit<T>(string name, string description, T defaultValue, T maximum, string helpName)
        where T : struct, INumber<T>
        => WholeNumber(name, string.Create(CultureInfo.InvariantCulture, $"{description} Default {defaultValue}, at most {maximum}."), helpName, defaultValue, T.One, maximum);

    /// <summary>
    /// An option taking a whole number from <paramref name="minimum"/> to <paramref name="maximum"/>; text that is no
    /// such number is a usage error in words (System.CommandLine's own would name the .NET type).
    /// </summary>
    public static Option<T> WholeNumber<T>(string name, string description, string helpName, T defaultValue, T minimum, T maximum)
        where T : struct, INumber<T>
        => new(name)
        {
            Description = description,
            HelpName = helpName,
            DefaultValueFactory = _ => defaultValue,
            CustomParser = result =>
            {
                var text = result.Tokens.Count == 0 ? string.Empty : result.Tokens[^1].Value;
                if (T.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value) && value >= minimum && value <= maximum)
                {
                    return value;
                }

                result.AddError(string.Create(CultureInfo.InvariantCulture, $"{name} must be a whole number from {minimum} to {maximum}, not '{text}'."));
                return defaultValue;
            },
        };
}
