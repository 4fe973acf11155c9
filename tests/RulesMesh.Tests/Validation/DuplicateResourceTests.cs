using k8s.Models;
using RulesMesh.Loading;
using RulesMesh.Models.NetworkingIstioIo.V1;
using RulesMesh.Store;
using RulesMesh.Tests.Support;

namespace RulesMesh.Tests.Validation;

/// <summary>
/// The same kind, namespace and name twice is a warning naming both locations, and the later one in load order (the
/// later file in argument and path order, then the later document) is the one every command sees.
/// </summary>
public sealed class DuplicateResourceTests
{
    private static string Service(int port, string ns = "namespace: infra") => $$"""
        apiVersion: v1
        kind: Service
        metadata: {name: svc, {{ns}}}
        spec:
          ports: [{port: {{port}}}]
        """;

    private static string Entry(string version, string host) => $$"""
        apiVersion: networking.istio.io/{{version}}
        kind: ServiceEntry
        metadata: {name: ext, namespace: infra}
        spec:
          hosts: [{{host}}]
          ports: [{number: 80, name: http, protocol: HTTP}]
          resolution: DNS
        """;

    [Fact]
    public void Twice_in_one_file_the_later_document_survives_and_the_earlier_is_a_warning_naming_both_lines()
    {
        var load = new ManifestLoader().LoadText(Service(80) + "\n---\n" + Service(81), "mesh.yaml");

        Assert.Equal(81, Assert.Single(load.Objects<V1Service>()).Spec.Ports[0].Port);
        var warning = Assert.Single(load.Diagnostics);
        Assert.Equal(DiagnosticSeverity.Warning, warning.Severity);
        Assert.Equal(("mesh.yaml", 1), (warning.SourceName, warning.Position.Line));
        Assert.Contains("Service infra/svc is defined again at mesh.yaml:7:1", warning.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Interleaved_duplicates_warn_in_load_order_each_naming_the_last_definition_and_the_survivors_keep_load_order()
    {
        // svc (80) on line 1, ext on 7, svc (81) on 15, other on 21, svc (82) on 27, ext again on 33.
        var other = Service(90, "namespace: other");
        var text = string.Join("\n---\n", Service(80), Entry("v1", "a.example.com"), Service(81), other, Service(82), Entry("v1", "b.example.com"));

        var load = new ManifestLoader().LoadText(text, "mesh.yaml");

        Assert.Equal(["other/svc", "infra/svc", "infra/ext"], load.Resources.Select(static r => $"{r.Object.Metadata.NamespaceProperty}/{r.Object.Metadata.Name}"));
        Assert.Equal(82, load.Objects<V1Service>().Single(static s => s.Metadata.NamespaceProperty == "infra").Spec.Ports[0].Port);
        Assert.Equal(
            [
                ("mesh.yaml", 1, "Service infra/svc is defined again at mesh.yaml:27:1"),
                ("mesh.yaml", 7, "ServiceEntry infra/ext is defined again at mesh.yaml:33:1"),
                ("mesh.yaml", 15, "Service infra/svc is defined again at mesh.yaml:27:1"),
            ],
            load.Diagnostics.Select(static d => (d.SourceName, d.Position.Line, d.Message[..d.Message.IndexOf(';', StringComparison.Ordinal)])));
    }

    [Fact]
    public void In_two_files_the_later_path_survives_whatever_the_argument_order_of_the_folder()
    {
        using var folder = new TemporaryDirectory();
        File.WriteAllText(Path.Combine(folder.Path, "b.yaml"), Service(81));
        File.WriteAllText(Path.Combine(folder.Path, "a.yaml"), Service(80));

        var load = new ManifestLoader().LoadPaths(folder.Path);

        Assert.Equal(81, Assert.Single(load.Objects<V1Service>()).Spec.Ports[0].Port);
        var warning = Assert.Single(load.Diagnostics);
        Assert.EndsWith("a.yaml", warning.SourceName, StringComparison.Ordinal);
        Assert.Contains("b.yaml:1:1", warning.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Files_given_as_arguments_keep_the_argument_order()
    {
        using var folder = new TemporaryDirectory();
        var a = Path.Combine(folder.Path, "a.yaml");
        var b = Path.Combine(folder.Path, "b.yaml");
        File.WriteAllText(a, Service(80));
        File.WriteAllText(b, Service(81));

        var load = new ManifestLoader().LoadPaths(b, a);

        Assert.Equal(80, Assert.Single(load.Objects<V1Service>()).Spec.Ports[0].Port);
    }

    [Fact]
    public void Two_api_versions_of_one_kind_are_one_object()
    {
        var load = new ManifestLoader().LoadText(Entry("v1", "new.example.com") + "\n---\n" + Entry("v1beta1", "old.example.com"), "se.yaml");

        Assert.Equal(["old.example.com"], Assert.Single(load.Objects<ServiceEntry>()).Spec!.Hosts!);
        Assert.Contains("ServiceEntry infra/ext is defined again", Assert.Single(load.Diagnostics).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void No_namespace_and_the_default_namespace_are_the_same_object()
    {
        var load = new ManifestLoader().LoadText(Service(80, "namespace: default") + "\n---\n" + Service(81, "labels: {}"), "mesh.yaml");

        Assert.Equal(81, Assert.Single(ResourceStore.From(load).All<V1Service>()).Spec.Ports[0].Port);
        Assert.Single(load.Diagnostics);
    }

    [Fact]
    public void The_same_name_in_two_namespaces_or_two_kinds_is_no_duplicate()
    {
        var load = new ManifestLoader().LoadText(Service(80) + "\n---\n" + Service(81, "namespace: other"), "mesh.yaml");

        Assert.Equal(2, load.Objects<V1Service>().Count());
        Assert.Empty(load.Diagnostics);
    }
}
