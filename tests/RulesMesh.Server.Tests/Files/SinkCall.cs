using RulesMesh.Engine;

namespace RulesMesh.Server.Tests.Files;

/// <summary>One call a source made on its sink.</summary>
internal abstract record SinkCall
{
    private SinkCall()
    {
    }

    public sealed record Submitted(IReadOnlyList<ResourceChange> Changes) : SinkCall
    {
        public override string ToString() => $"Submitted [{string.Join(", ", Changes.Select(ChangeText.Of))}]";
    }

    public sealed record Synced : SinkCall;

    public sealed record Reported(string Origin, IReadOnlyList<string> Problems) : SinkCall
    {
        public override string ToString() => $"Reported {Origin}: [{string.Join(" | ", Problems)}]";
    }
}
