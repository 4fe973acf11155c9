using YamlDotNet.RepresentationModel;

namespace RulesMesh.Generators.Crd.Parsing
{
    /// <summary>Small lookups over YamlDotNet's representation model.</summary>
    internal static class YamlNodes
    {
        public static YamlNode? Get(this YamlMappingNode mapping, string key)
        {
            foreach (var entry in mapping.Children)
            {
                if (entry.Key is YamlScalarNode scalar && scalar.Value == key)
                {
                    return entry.Value;
                }
            }

            return null;
        }

        public static YamlMappingNode? GetMapping(this YamlMappingNode mapping, string key) => mapping.Get(key) as YamlMappingNode;

        public static YamlSequenceNode? GetSequence(this YamlMappingNode mapping, string key) => mapping.Get(key) as YamlSequenceNode;

        public static string? GetString(this YamlMappingNode mapping, string key) => (mapping.Get(key) as YamlScalarNode)?.Value;

        public static bool GetBool(this YamlMappingNode mapping, string key)
            => mapping.GetString(key) is { } value && (value == "true" || value == "True" || value == "TRUE");
    }
}
