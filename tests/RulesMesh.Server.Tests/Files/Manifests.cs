namespace RulesMesh.Server.Tests.Files;

/// <summary>Small manifests for the file source's tests.</summary>
internal static class Manifests
{
    public static string Service(string name, int port = 80, string ns = "infra") => $"""
        apiVersion: v1
        kind: Service
        metadata:
          name: {name}
          namespace: {ns}
        spec:
          ports:
          - name: http
            port: {port}

        """;

    public static string Documents(params string[] documents) => string.Join("---\n", documents);
}
