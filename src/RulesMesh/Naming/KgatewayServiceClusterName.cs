using RulesMesh.Rules;
using RulesMesh.Rules.Declarative;

namespace RulesMesh.Naming;

/// <summary>kgateway names a Service's cluster <c>kube_&lt;ns&gt;_&lt;name&gt;_&lt;port&gt;</c> (docs/spec/kgateway-waypoint.md §3.5).</summary>
[Rule("kgateway.naming.service-cluster", Order = 100, Profile = "kgateway",
    Description = "Service clusters are named kube_<namespace>_<name>_<port>.")]
[AppliesTo("", "Service")]
[ClusterNameFormat("kube_{namespace}_{name}_{port}")]
public sealed partial class KgatewayServiceClusterName;
