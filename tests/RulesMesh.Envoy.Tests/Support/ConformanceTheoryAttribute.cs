namespace RulesMesh.Xds.Tests.Support;

/// <summary>A theory over kgateway's golden outputs, skipped (and saying why) where <c>../shared</c> is not laid beside the clone.</summary>
public sealed class ConformanceTheoryAttribute : TheoryAttribute
{
    public ConformanceTheoryAttribute()
    {
        if (!Directory.Exists(RepositoryPaths.KgatewayConformance))
        {
            Skip = $"kgateway conformance data not found at {RepositoryPaths.KgatewayConformance}; ../shared is absent beside this clone.";
        }
    }
}
