namespace RulesMesh.Rules.Declarative;

/// <summary>
/// A naming rule as data: the cluster name is <paramref name="format"/> with <c>{namespace}</c>, <c>{name}</c>,
/// <c>{host}</c>, <c>{port}</c>, <c>{kind}</c> and <c>{group}</c> filled in. Limit it to kinds with <see cref="AppliesToAttribute"/>.
/// </summary>
/// <param name="format">For example <c>kube_{namespace}_{name}_{port}</c> or <c>outbound|{port}||{host}</c>.</param>
[AttributeUsage(AttributeTargets.Class, Inherited = false)]
public sealed class ClusterNameFormatAttribute(string format) : Attribute
{
    /// <summary>The format.</summary>
    public string Format { get; } = format;
}
