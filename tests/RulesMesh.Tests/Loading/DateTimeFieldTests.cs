using k8s.Models;
using RulesMesh.Loading;

namespace RulesMesh.Tests.Loading;

/// <summary>
/// A date-time that is not RFC 3339 (what the API server reads <c>metav1.Time</c> as) is an error at its own field, in
/// words; one in the status alone drops the status with a warning, as the API server ignores the status a create sends.
/// </summary>
public sealed class DateTimeFieldTests
{
    private const string BadCreationTimestamp = """
        apiVersion: v1
        kind: Service
        metadata:
          name: t6
          namespace: shop
          labels:
            when: yesterday
          creationTimestamp: "yesterday"
        spec:
          ports: [{port: 80}]
        """;

    private const string BadStartTimeInStatus = """
        apiVersion: v1
        kind: Pod
        metadata: {name: p1, namespace: shop}
        spec:
          containers: [{name: c, image: x}]
        status:
          podIP: 10.244.1.5
          startTime: "soon"
        """;

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void A_timestamp_that_is_no_date_time_is_an_error_at_its_field_in_words(bool withoutTree)
    {
        var result = new ManifestLoader { ReadsWithoutTree = withoutTree }.LoadText(BadCreationTimestamp, "t6.yaml");

        var error = Assert.Single(result.Diagnostics);
        Assert.Equal(DiagnosticSeverity.Error, error.Severity);
        Assert.Equal("metadata.creationTimestamp", error.FieldPath);
        Assert.Equal((8, 3), (error.Position.Line, error.Position.Column));
        Assert.Equal("Not a valid Service: 'yesterday' is not a date-time (RFC 3339, e.g. 2026-01-02T15:04:05Z).", error.Message);
        Assert.Empty(result.Objects<V1Service>());
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void An_object_whose_only_fault_is_a_status_date_time_is_read_without_its_status(bool withoutTree)
    {
        var result = new ManifestLoader { ReadsWithoutTree = withoutTree }.LoadText(BadStartTimeInStatus, "p1.yaml");

        var pod = Assert.Single(result.Objects<V1Pod>());
        Assert.Null(pod.Status);
        var warning = Assert.Single(result.Diagnostics);
        Assert.Equal(DiagnosticSeverity.Warning, warning.Severity);
        Assert.Equal("status.startTime", warning.FieldPath);
        Assert.Equal((8, 3), (warning.Position.Line, warning.Position.Column));
        Assert.Contains("'soon' is not a date-time", warning.Message, StringComparison.Ordinal);
    }
}
