namespace RulesMesh.Rules;

/// <summary>
/// Declares a profile that rules may name in <see cref="RuleAttribute.Profile"/>. Profiles are a declared set: a rule
/// naming a profile that neither its own assembly nor a referenced one declares is an error (RM1012), so a misspelled
/// profile cannot silently create a pipeline of its own. RulesMesh declares <c>kgateway</c> and <c>istio</c>.
/// </summary>
/// <param name="name">The profile's name, as rules and <c>Create(profile)</c> spell it.</param>
/// <example><code>[assembly: RuleProfile("acme-strict")]</code></example>
[AttributeUsage(AttributeTargets.Assembly, AllowMultiple = true, Inherited = false)]
public sealed class RuleProfileAttribute(string name) : Attribute
{
    /// <summary>The profile's name.</summary>
    public string Name { get; } = name;
}
