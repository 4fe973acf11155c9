namespace RulesMesh.Generators.Tests.Infrastructure;

/// <summary>Builds small CustomResourceDefinition documents for generator tests.</summary>
internal static class TestCrds
{
    /// <summary>A CRD with one served storage version <c>v1</c> whose spec has the given properties (YAML, indented for spec.properties).</summary>
    public static string Crd(string kind, string specProperties = "name: {type: string}", string group = "example.com", string plural = "")
        => $"""
        apiVersion: apiextensions.k8s.io/v1
        kind: CustomResourceDefinition
        metadata:
          name: {(plural.Length > 0 ? plural : kind.ToLowerInvariant() + "s")}.{group}
        spec:
          group: {group}
          names:
            kind: {kind}
            plural: {(plural.Length > 0 ? plural : kind.ToLowerInvariant() + "s")}
          scope: Namespaced
          versions:
          - name: v1
            served: true
            storage: true
            schema:
              openAPIV3Schema:
                type: object
                properties:
                  spec:
                    type: object
                    properties:
        {Indent(specProperties, 16)}
        """;

    public static InMemoryAdditionalText File(string name, string text) => new("/schemas/" + name, text);

    private static string Indent(string yaml, int spaces)
        => string.Join("\n", yaml.Split('\n').Select(line => new string(' ', spaces) + line));
}
