using RulesMesh.Loading;
using RulesMesh.Server.Sources.Kubernetes;
using YamlDotNet.RepresentationModel;

namespace RulesMesh.Server.Tests.Kubernetes;

/// <summary>deploy/: the RBAC rules grant what the Kubernetes source does and nothing more; the Deployment runs it as the docs say.</summary>
public sealed class DeployManifestTests
{
    private static readonly string Deploy = Path.Combine(RepositoryRoot(), "deploy");

    [Fact]
    public void TheClusterRoleGrantsListAndWatchOnEveryWatchedKindAndGetAndPatchOnEveryWrittenStatusExactly()
    {
        var kinds = WatchedKind.AllIn(ModelRegistry.Default);
        var needed = kinds.SelectMany(static kind => new[] { (kind.Group, kind.Plural, "list"), (kind.Group, kind.Plural, "watch") })
            .Concat(StatusKinds.In(kinds).SelectMany(static kind => new[] { (kind.Group, kind.Plural + "/status", "get"), (kind.Group, kind.Plural + "/status", "patch") }))
            .ToHashSet();

        var granted = Grants(Single("rbac.yaml", "ClusterRole"));

        Assert.Equal(needed.Order(), granted.Order());
    }

    [Fact]
    public void TheLeaseRoleGrantsWhatKubernetesClientsLeaseLockCallsInTheServersNamespace()
    {
        // LeaseLock reads the Lease, creates it when missing and updates it to take or renew it.
        var role = Single("rbac.yaml", "Role");

        Assert.Equal("rulesmesh-system", Text(role, "metadata", "namespace"));
        Assert.Equal([("coordination.k8s.io", "leases", "create"), ("coordination.k8s.io", "leases", "get"), ("coordination.k8s.io", "leases", "update")], Grants(role).Order());
        Assert.Equal("rulesmesh-leader-election", Text(Single("rbac.yaml", "RoleBinding"), "roleRef", "name"));
        Assert.Equal("rulesmesh", Text(Single("rbac.yaml", "ClusterRoleBinding"), "roleRef", "name"));
    }

    [Fact]
    public void TheDeploymentRunsTwoInClusterReplicasProbedOnTheAdminPortBehindAServiceForXds()
    {
        var deployment = Single("deployment.yaml", "Deployment");
        var container = (YamlMappingNode)((YamlSequenceNode)Node(deployment, "spec", "template", "spec", "containers")).Children.Single();

        Assert.Equal("2", Text(deployment, "spec", "replicas"));
        Assert.Equal("rulesmesh", Text(deployment, "spec", "template", "spec", "serviceAccountName"));
        Assert.Equal(["serve", "--in-cluster", "--listen", "0.0.0.0:9977", "--admin", "0.0.0.0:9092"], ((YamlSequenceNode)Node(container, "args")).Children.Select(static arg => ((YamlScalarNode)arg).Value!));
        Assert.Equal(("/readyz", "admin"), (Text(container, "readinessProbe", "httpGet", "path"), Text(container, "readinessProbe", "httpGet", "port")));
        Assert.Equal(("/healthz", "admin"), (Text(container, "livenessProbe", "httpGet", "path"), Text(container, "livenessProbe", "httpGet", "port")));
        var ports = ((YamlSequenceNode)Node(container, "ports")).Children.Cast<YamlMappingNode>().ToDictionary(static port => Text(port, "name"), static port => Text(port, "containerPort"));
        Assert.Equal(new Dictionary<string, string> { ["grpc-xds"] = "9977", ["admin"] = "9092" }, ports);
        var servicePort = (YamlMappingNode)((YamlSequenceNode)Node(Single("service.yaml", "Service"), "spec", "ports")).Children.Single();
        Assert.Equal(("9977", "grpc-xds"), (Text(servicePort, "port"), Text(servicePort, "targetPort")));
    }

    private static List<(string Group, string Resource, string Verb)> Grants(YamlMappingNode role)
        => [.. ((YamlSequenceNode)Node(role, "rules")).Children.Cast<YamlMappingNode>().SelectMany(static rule =>
            from apiGroup in Scalars(rule, "apiGroups")
            from resource in Scalars(rule, "resources")
            from verb in Scalars(rule, "verbs")
            select (apiGroup, resource, verb))];

    private static IEnumerable<string> Scalars(YamlMappingNode node, string key)
        => ((YamlSequenceNode)Node(node, key)).Children.Select(static child => ((YamlScalarNode)child).Value ?? string.Empty);

    private static YamlMappingNode Single(string file, string kind)
    {
        var stream = new YamlStream();
        using (var reader = new StreamReader(Path.Combine(Deploy, file)))
        {
            stream.Load(reader);
        }

        return stream.Documents.Select(static document => (YamlMappingNode)document.RootNode).Single(root => Text(root, "kind") == kind);
    }

    private static YamlNode Node(YamlMappingNode node, params string[] path)
        => path.Aggregate((YamlNode)node, static (current, key) => ((YamlMappingNode)current).Children[new YamlScalarNode(key)]);

    private static string Text(YamlMappingNode node, params string[] path) => ((YamlScalarNode)Node(node, path)).Value ?? string.Empty;

    private static string RepositoryRoot()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, "RulesMesh.sln")))
            {
                return folder.FullName;
            }
        }

        throw new DirectoryNotFoundException($"No RulesMesh.sln above {AppContext.BaseDirectory}.");
    }
}
