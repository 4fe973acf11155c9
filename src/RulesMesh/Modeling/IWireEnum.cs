namespace RulesMesh.Modeling;

/// <summary>
/// A string enum from a CRD schema. Generated as a struct over the wire string so that values
/// this build does not know (a newer CRD added them) survive a read and a write unchanged.
/// </summary>
public interface IWireEnum<TSelf> : IEquatable<TSelf>
    where TSelf : struct, IWireEnum<TSelf>
{
    /// <summary>The exact string used on the wire.</summary>
    string Value { get; }

    /// <summary>True when <see cref="Value"/> is one of the values the schema lists.</summary>
    bool IsKnown { get; }

    /// <summary>Wraps a wire string, known or not.</summary>
    static abstract TSelf FromWire(string value);
}
