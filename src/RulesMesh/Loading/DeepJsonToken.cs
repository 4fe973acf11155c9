using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace RulesMesh.Loading;

/// <summary>
/// Parses JSON for the schema validator without Newtonsoft's default depth limit of 64: the loader has bounded
/// the depth already (<see cref="LoaderLimits.MaxDepth"/>), and a second, lower limit would throw instead of validating.
/// </summary>
internal static class DeepJsonToken
{
    public static JToken Parse(string json)
    {
        using var reader = new JsonTextReader(new StringReader(json)) { MaxDepth = null };
        return JToken.ReadFrom(reader);
    }
}
