using RulesMesh.Rules;
using RulesMesh.Rules.Declarative;

namespace RulesMesh.Naming;

/// <summary>kgateway names a ServiceEntry cluster per host and port: <c>istio-se_&lt;ns&gt;_&lt;name&gt;_&lt;host&gt;_&lt;port&gt;</c> (docs/spec/kgateway-waypoint.md §3.5).</summary>
[Rule("kgateway.naming.serviceentry-cluster", Order = 200, Profile = "kgateway",
    Description = "ServiceEntry clusters are named istio-se_<namespace>_<name>_<host>_<port>.")]
[AppliesTo("networking.istio.io", "ServiceEntry")]
[ClusterNameFormat("istio-se_{namespace}_{name}_{host}_{port}")]
public sealed partial class KgatewayServiceEntryClusterName;
