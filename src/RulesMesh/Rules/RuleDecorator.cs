namespace RulesMesh.Rules;

/// <summary>
/// The base class of a rule that wraps another (<see cref="RuleAttribute.Decorates"/>): the generated pipeline creates
/// the decorated rule and hands it over as <see cref="Decorated"/>, so the decorator calls it and adjusts its result.
/// </summary>
/// <typeparam name="TContract">The stage contract both rules implement.</typeparam>
/// <example>
/// <code>
/// [Rule("acme.routes.vhost-header", Decorates = "kgateway.routes.virtual-host")]
/// public sealed class VirtualHostHeader : RuleDecorator&lt;IVirtualHostRule&gt;, IVirtualHostRule { ... }
/// </code>
/// </example>
public abstract class RuleDecorator<TContract>
    where TContract : class
{
    /// <summary>The decorated rule (or the next decorator of it); set by the generated pipeline when it creates the decorator.</summary>
    public TContract Decorated { get; init; } = null!;
}
