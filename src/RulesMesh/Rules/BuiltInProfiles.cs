using RulesMesh.Rules;

// The profiles of the built-in rules; a consumer's rules may name them, or profiles of their own they declare the same way.
[assembly: RuleProfile(BuiltInProfiles.Kgateway)]
[assembly: RuleProfile(BuiltInProfiles.Istio)]

namespace RulesMesh.Rules;

/// <summary>The names of the profiles RulesMesh declares.</summary>
public static class BuiltInProfiles
{
    /// <summary>Reproduces kgateway's waypoint translator (the default).</summary>
    public const string Kgateway = "kgateway";

    /// <summary>Follows Istio where it differs from kgateway.</summary>
    public const string Istio = "istio";
}
