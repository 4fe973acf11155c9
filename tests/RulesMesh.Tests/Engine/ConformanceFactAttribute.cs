using RulesMesh.Tests.Support;

namespace RulesMesh.Tests.Engine;

/// <summary>A fact over kgateway's conformance inputs, skipped (and saying why) where <c>../shared</c> is not laid beside the clone.</summary>
public sealed class ConformanceFactAttribute : FactAttribute
{
    public ConformanceFactAttribute()
    {
        if (!Directory.Exists(RepositoryPaths.KgatewayConformance))
        {
            Skip = $"kgateway conformance data not found at {RepositoryPaths.KgatewayConformance}; ../shared is absent beside this clone.";
        }
    }
}
