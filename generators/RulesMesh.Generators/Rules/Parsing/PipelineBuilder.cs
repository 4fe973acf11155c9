using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using RulesMesh.Generators.Common;
using RulesMesh.Generators.Rules.Model;

namespace RulesMesh.Generators.Rules.Parsing
{
    /// <summary>
    /// Works out the pipelines of one <c>[RulePipelines]</c> class: the profiles named by any rule (or by the class), and for
    /// each profile the rules active in it, with replacements applied, ordered per contract.
    /// </summary>
    internal static class PipelineBuilder
    {
        public const string PreferredDefaultProfile = "kgateway";

        public static PipelineSet Build(PipelineDeclaration declaration, ImmutableArray<RuleModel> local, EquatableArray<RuleModel> referenced, EquatableArray<ContractModel> contracts, EquatableArray<string> refusedContracts)
        {
            // A rule defined here wins over a referenced one of the same name (a project referencing itself, say).
            var known = new HashSet<string>(contracts.Select(c => c.Key), System.StringComparer.Ordinal);
            // Two local rules of one name (RM1006): the first declared is kept, so the pipeline is still generated.
            var distinctLocal = local.GroupBy(r => r.Name, System.StringComparer.Ordinal).Select(g => g.First()).ToList();
            var candidates = distinctLocal.Concat(referenced.Where(r => !local.Any(l => l.Name == r.Name))).Where(r => r.Contract is not null).ToList();
            var rules = candidates.Where(r => known.Contains(r.Contract!)).ToList();
            var unseen = candidates.Where(r => !known.Contains(r.Contract!) && !refusedContracts.Contains(r.Contract!)).OrderBy(r => r.Name, System.StringComparer.Ordinal).ToEquatableArray();
            var profiles = rules.Select(r => r.Profile)
                .Concat(new[] { declaration.DefaultProfile })
                .Where(p => p is not null)
                .Select(p => p!)
                .Distinct()
                .OrderBy(p => p, System.StringComparer.Ordinal)
                .ToList();
            if (profiles.Count == 0)
            {
                profiles.Add(PreferredDefaultProfile);
            }

            var ordered = contracts
                .OrderBy(c => System.Array.IndexOf(RuleNames.Stages, c.Stage))
                .ThenBy(c => c.Name, System.StringComparer.Ordinal)
                .ThenBy(c => c.Key, System.StringComparer.Ordinal)
                .ToList();
            var pipelines = profiles.Select(profile => new ProfilePipeline(profile, Activate(rules, profile, ordered))).ToEquatableArray();
            var defaultProfile = declaration.DefaultProfile ?? (profiles.Contains(PreferredDefaultProfile) ? PreferredDefaultProfile : profiles[0]);
            var table = pipelines.SelectMany(p => p.Rules).Distinct().ToEquatableArray();
            return new PipelineSet(declaration, defaultProfile, pipelines, ordered.ToEquatableArray(), table, unseen);
        }

        private static EquatableArray<ActiveRule> Activate(List<RuleModel> rules, string profile, List<ContractModel> contracts)
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

            // A Before/After naming a replaced rule holds for the rule that replaces it, as it does for a decorator.
            string? Current(string? name)
            {
                for (var hops = 0; name is not null && hops <= replacedBy.Count && replacedBy.TryGetValue(name, out var replacement); hops++)
                {
                    name = replacement;
                }

                return name;
            }

            var kept = Decorate(active.Where(r => !replacedBy.ContainsKey(r.Name)).ToList(), out var decorations);

            // Listed by stage; within a stage, contract by contract in the order of their lowest Order, so the list reads
            // as the stage runs; within a contract, in run order.
            return contracts
                .Select(contract => (Contract: contract, Rules: Order(kept.Where(r => r.Contract == contract.Key).ToList(), Current)))
                .Where(c => c.Rules.Count > 0)
                .OrderBy(c => System.Array.IndexOf(RuleNames.Stages, c.Contract.Stage))
                .ThenBy(c => c.Rules.Min(r => r.Order))
                .ThenBy(c => c.Contract.Key, System.StringComparer.Ordinal)
                .SelectMany(c => c.Rules)
                .Select(r => decorations.TryGetValue(r.Name, out var decoration)
                    ? new ActiveRule(r, decoration.Target.Name, decoration.Wrapped)
                    : new ActiveRule(r, replacedBy.FirstOrDefault(e => e.Value == r.Name).Key, EquatableArray<string>.Empty))
                .ToEquatableArray();
        }

        /// <summary>
        /// Puts each decorated rule's outermost decorator in its place: with its order, its Before/After (and the other
        /// rules' Before/After that named it) and its AppliesTo, wrapping the inner decorators and the rule itself.
        /// Decorators whose rule is not active in the profile are left out.
        /// </summary>
        private static List<RuleModel> Decorate(List<RuleModel> rules, out Dictionary<string, (RuleModel Target, EquatableArray<string> Wrapped)> decorations)
        {
            decorations = new Dictionary<string, (RuleModel, EquatableArray<string>)>(System.StringComparer.Ordinal);
            bool HasTarget(RuleModel decorator) => rules.Any(t => t.Name == decorator.Decorates && t.Contract == decorator.Contract && t.Name != decorator.Name);

            // A decorator with nothing to wrap in this profile (its rule belongs to another, or RM1022) is not active here.
            var result = rules.Where(r => r.Decorates is null || HasTarget(r)).ToList();
            var byTarget = result.Where(r => r.Decorates is not null).GroupBy(r => r.Decorates!).ToList();
            foreach (var group in byTarget)
            {
                var target = result.First(r => r.Name == group.Key);
                var chain = group.OrderBy(r => r.Order).ThenBy(r => r.Name, System.StringComparer.Ordinal).ToList();
                var outer = chain[chain.Count - 1];
                var slot = outer with { Order = target.Order, Before = target.Before, After = target.After, AppliesTo = target.AppliesTo };
                var wrapped = chain.Take(chain.Count - 1).Reverse().Select(d => d.TypeName).Concat(new[] { target.TypeName }).ToEquatableArray();
                decorations[slot.Name] = (target, wrapped);
                result = result
                    .Where(r => r.Name != target.Name && !chain.Contains(r))
                    .Select(r => r.Before == target.Name || r.After == target.Name
                        ? r with { Before = r.Before == target.Name ? slot.Name : r.Before, After = r.After == target.Name ? slot.Name : r.After }
                        : r)
                    .Concat(new[] { slot })
                    .ToList();
            }

            return result;
        }

        /// <summary>
        /// The rules of one contract in run order: every Before/After between them holds, and rules they leave free run by
        /// Order, then name. Rules caught in a cycle (RM1008) follow the others by Order, then name. A Before/After name
        /// is read through <paramref name="resolve"/> (the rule in a replaced rule's place), the models left as written
        /// so one rule is one model in every profile.
        /// </summary>
        public static List<RuleModel> Order(List<RuleModel> rules, System.Func<string?, string?>? resolve = null)
        {
            resolve ??= static name => name;
            var byName = rules.ToDictionary(r => r.Name, System.StringComparer.Ordinal);
            var predecessors = rules.ToDictionary(r => r.Name, _ => new HashSet<string>(System.StringComparer.Ordinal), System.StringComparer.Ordinal);
            foreach (var rule in rules)
            {
                if (resolve(rule.Before) is { } before && byName.ContainsKey(before))
                {
                    predecessors[before].Add(rule.Name);
                }

                if (resolve(rule.After) is { } after && byName.ContainsKey(after))
                {
                    predecessors[rule.Name].Add(after);
                }
            }

            var result = new List<RuleModel>();
            var placed = new HashSet<string>(System.StringComparer.Ordinal);
            var waiting = rules.OrderBy(r => r.Order).ThenBy(r => r.Name, System.StringComparer.Ordinal).ToList();
            while (waiting.Count > 0)
            {
                var next = waiting.FirstOrDefault(r => predecessors[r.Name].All(placed.Contains)) ?? waiting[0];
                result.Add(next);
                placed.Add(next.Name);
                waiting.Remove(next);
            }

            return result;
        }
    }
}
