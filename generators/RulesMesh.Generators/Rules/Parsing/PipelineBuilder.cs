using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using RulesMesh.Generators.Common;
using RulesMesh.Generators.Rules.Model;

namespace RulesMesh.Generators.Rules.Parsing
{
    /// <summary>
    /// Turns all known rules into one ordered list per profile. A rule with no profile is in every profile;
    /// a rule that replaces another removes it from each profile where both are active.
    /// </summary>
    internal static class PipelineBuilder
    {
        public const string PreferredDefaultProfile = "kgateway";

        public static PipelineSet Build(ImmutableArray<RuleModel> local, EquatableArray<RuleModel> referenced, EquatableArray<ContractMethod> contracts, string ns)
        {
            // A rule defined here wins over a referenced one of the same name (a project referencing itself, say).
            var rules = local.Concat(referenced.Where(r => !local.Any(l => l.Name == r.Name))).ToList();
            var profiles = rules.Select(r => r.Profile).Where(p => p is not null).Select(p => p!).Distinct().OrderBy(p => p, System.StringComparer.Ordinal).ToList();
            if (profiles.Count == 0)
            {
                profiles.Add(PreferredDefaultProfile);
            }

            var pipelines = profiles.Select(profile => new ProfilePipeline(profile, Activate(rules, profile))).ToEquatableArray();
            var defaultProfile = profiles.Contains(PreferredDefaultProfile) ? PreferredDefaultProfile : profiles[0];
            return new PipelineSet(ns, defaultProfile, pipelines, contracts);
        }

        private static EquatableArray<ActiveRule> Activate(List<RuleModel> rules, string profile)
        {
            var active = rules.Where(r => r.Profile is null || r.Profile == profile).ToList();
            var replacedBy = new Dictionary<string, string>(System.StringComparer.Ordinal);
            foreach (var rule in active.Where(r => r.Replaces is not null))
            {
                if (active.Any(r => r.Name == rule.Replaces))
                {
                    replacedBy[rule.Replaces!] = rule.Name;
                }
            }

            return active
                .Where(r => !replacedBy.ContainsKey(r.Name))
                .OrderBy(r => r.Stage)
                .ThenBy(r => r.Order)
                .ThenBy(r => r.Name, System.StringComparer.Ordinal)
                .Select(r => new ActiveRule(r, replacedBy.FirstOrDefault(e => e.Value == r.Name).Key))
                .ToEquatableArray();
        }
    }
}
