using Envoy.Config.Route.V3;
using RulesMesh.Rules;

namespace RulesMesh.Translation.Routes;

/// <summary>Routes stage: the virtual host of one HTTP filter chain (the routes' shared one, or the port's default route).</summary>
[StageContract(RuleStage.Routes)]
public interface IVirtualHostRule
{
    /// <summary>The virtual host, or null to leave it to the next rule.</summary>
    VirtualHost? ServiceVirtualHost(VirtualHostRequest request, TranslationContext context);
}
