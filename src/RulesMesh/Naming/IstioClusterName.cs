using RulesMesh.Rules;
using RulesMesh.Rules.Declarative;

namespace RulesMesh.Naming;

/// <summary>Istio names every outbound cluster <c>outbound|&lt;port&gt;||&lt;host&gt;</c> (<c>model.BuildSubsetKey</c>, no subset).</summary>
[Rule("istio.naming.outbound-cluster", Order = 100, Profile = "istio",
    Description = "Clusters are named outbound|<port>||<host>, as Istio does.")]
[ClusterNameFormat("outbound|{port}||{host}")]
public sealed partial class IstioClusterName;
