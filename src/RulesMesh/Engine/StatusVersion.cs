using System.IO.Hashing;
using System.Text.Json;
using RulesMesh.Loading;

namespace RulesMesh.Engine;

/// <summary>Versions a status by the XxHash3 of its JSON form.</summary>
internal static class StatusVersion
{
    public static string Of(object status)
    {
        var json = JsonSerializer.SerializeToUtf8Bytes(status, status.GetType(), ManifestJsonOptions.Default);
        return XxHash3.HashToUInt64(json).ToString("x16", System.Globalization.CultureInfo.InvariantCulture);
    }
}
