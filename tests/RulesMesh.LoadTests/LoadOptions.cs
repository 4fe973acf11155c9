using System.Globalization;

namespace RulesMesh.LoadTests;

/// <summary>What one load run does: <c>--streams N --edits N --edit-interval-ms N --services N --waypoints N</c>.</summary>
internal sealed record LoadOptions
{
    /// <summary>ADS streams kept open at once, half State of the World and half incremental.</summary>
    public int Streams { get; init; } = 1_000;

    /// <summary>Edits in the storm, each a different inline endpoint address of one ServiceEntry.</summary>
    public int Edits { get; init; } = 100;

    /// <summary>Pause between two edits of the storm.</summary>
    public int EditIntervalMilliseconds { get; init; } = 10;

    /// <summary>Services (and as many ServiceEntries) in the generated mesh.</summary>
    public int Services { get; init; } = 1_000;

    /// <summary>Waypoint Gateways in the generated mesh; streams are spread over them.</summary>
    public int Waypoints { get; init; } = 10;

    /// <summary>How long streams may take to converge after the storm before the run fails.</summary>
    public TimeSpan ConvergenceTimeout { get; init; } = TimeSpan.FromSeconds(120);

    public static LoadOptions Parse(IReadOnlyList<string> args)
    {
        var options = new LoadOptions();
        for (var i = 0; i < args.Count; i += 2)
        {
            if (i + 1 >= args.Count)
            {
                throw new ArgumentException($"{args[i]} needs a value.");
            }

            var value = int.Parse(args[i + 1], CultureInfo.InvariantCulture);
            options = args[i] switch
            {
                "--streams" => options with { Streams = value },
                "--edits" => options with { Edits = value },
                "--edit-interval-ms" => options with { EditIntervalMilliseconds = value },
                "--services" => options with { Services = value },
                "--waypoints" => options with { Waypoints = value },
                _ => throw new ArgumentException($"Unknown option {args[i]}: expected --streams, --edits, --edit-interval-ms, --services or --waypoints."),
            };
        }

        return options;
    }
}
