namespace RulesMesh.Server.Tests.Xds;

/// <summary>A clock that always says <see cref="Now"/>, so connection and NACK times can be asserted exactly.</summary>
internal sealed class FixedTimeProvider : TimeProvider
{
    public static readonly DateTimeOffset Now = new(2026, 12, 3, 9, 0, 0, TimeSpan.Zero);

    public override DateTimeOffset GetUtcNow() => Now;
}
