using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using Microsoft.CodeAnalysis.CSharp;
using RulesMesh.Generators.Common;
using RulesMesh.Generators.Rules.Model;

namespace RulesMesh.Generators.Rules.Emitting
{
    /// <summary>
    /// Fills a <c>[RulePipelines]</c> class: <c>DefaultProfile</c>, <c>Profiles</c>, <c>Create(profile)</c>, one shared
    /// <c>RuleInfo</c> table, and one sealed pipeline class per profile that implements every known stage contract by
    /// calling the contract's active rules in order, each rule's AppliesTo checked before its call.
    /// </summary>
    internal static class PipelineEmitter
    {
        private const string Rules = "global::RulesMesh.Rules.";
        private const string List = "global::System.Collections.Generic.IReadOnlyList";

        /// <summary>
        /// The files: <c>Ns.Class.g.cs</c> with the entry points, the rule table and each profile's pipeline class, and one
        /// <c>Ns.Class.IContract.g.cs</c> per stage contract with every profile's rules of that contract and the stage method.
        /// </summary>
        public static IEnumerable<(string HintName, string Source)> Emit(PipelineSet set)
        {
            var names = new RuleFieldNames(set.Rules, set.Contracts);
            var prefix = (set.Declaration.Namespace.Length == 0 ? string.Empty : set.Declaration.Namespace + ".") + set.Declaration.ClassName;
            yield return (prefix + ".g.cs", EmitEntryPoints(set, names));
            foreach (var contract in set.Contracts)
            {
                yield return (prefix + "." + names.File(contract) + ".g.cs", EmitContractFile(set, contract, names));
            }
        }

        private static string EmitEntryPoints(PipelineSet set, RuleFieldNames names)
        {
            var declaration = set.Declaration;
            var writer = Open(declaration, usings: EquatableArray<string>.Empty);
            writer.Line("[global::System.CodeDom.Compiler.GeneratedCode(\"RulesMesh.Generators\", \"1.0\")]");
            writer.OpenBlock((declaration.IsStatic ? "static " : string.Empty) + "partial class " + declaration.ClassName);
            writer.Line("/// <summary>The profile <see cref=\"Create\"/> uses when none is given.</summary>");
            writer.Line($"public const string DefaultProfile = {Lit(set.DefaultProfile)};");
            writer.Line();
            writer.Line("/// <summary>Every profile, in name order.</summary>");
            writer.Line($"public static {List}<string> Profiles {{ get; }} = global::System.Array.AsReadOnly(new string[] {{ {string.Join(", ", set.Profiles.Select(p => Lit(p.Profile)))} }});");
            writer.Line();
            writer.Line("/// <summary>A new pipeline running the rules of <paramref name=\"profile\"/>.</summary>");
            writer.Line("/// <exception cref=\"global::System.ArgumentException\">No rule names that profile.</exception>");
            writer.OpenBlock($"public static {Rules}RulePipeline Create(string profile = DefaultProfile) => profile switch");
            foreach (var profile in set.Profiles)
            {
                writer.Line($"{Lit(profile.Profile)} => new {ClassName(profile)}(),");
            }

            writer.Line("_ => throw new global::System.ArgumentException(\"Unknown profile '\" + profile + \"'. Known profiles: " + string.Join(", ", set.Profiles.Select(p => p.Profile)) + ".\", nameof(profile)),");
            writer.CloseBlock(";");

            EmitRuleTable(writer, set, names);
            foreach (var contract in set.Contracts.Where(c => c.Dispatch is not null))
            {
                EmitDispatchHelper(writer, contract, names);
            }

            foreach (var profile in set.Profiles)
            {
                writer.Line();
                EmitProfile(writer, profile, names);
            }

            return Close(writer, declaration);
        }

        private static string EmitContractFile(PipelineSet set, ContractModel contract, RuleFieldNames names)
        {
            var writer = Open(set.Declaration, contract.Usings);
            writer.OpenBlock("partial class " + set.Declaration.ClassName);
            var first = true;
            foreach (var profile in set.Profiles)
            {
                if (!first)
                {
                    writer.Line();
                }

                first = false;
                var entries = profile.Rules.Where(r => r.Rule.Contract == contract.Key).ToList();
                var rules = entries.Select(r => r.Rule).ToList();
                var dispatched = contract.Dispatch is null ? string.Empty : $", {Rules}IDispatchedStage<{contract.Implemented}>";
                writer.OpenBlock($"partial class {ClassName(profile)} : {contract.Implemented}{dispatched}");
                foreach (var entry in entries)
                {
                    // A rule implementing its contract explicitly is called as the contract: its method is no member of its class.
                    // A dispatched contract's rules are already called through the contract, by the helper.
                    writer.Line(entry.Rule.ImplementsExplicitly && contract.Dispatch is null
                        ? $"private readonly {contract.Implemented} {names.Field(entry.Rule)} = new {entry.Rule.TypeName}(){Decorated(entry.Decorated, 0)};"
                        : $"private readonly {entry.Rule.TypeName} {names.Field(entry.Rule)} = new(){Decorated(entry.Decorated, 0)};");
                }

                if (rules.Count > 0)
                {
                    writer.Line();
                }

                EmitContract(writer, contract, rules, names);
                if (contract.Dispatch is not null)
                {
                    EmitAccepts(writer, contract, rules, names);
                }

                writer.CloseBlock();
            }

            return Close(writer, set.Declaration);
        }

        private static void EmitAccepts(SourceWriter writer, ContractModel contract, List<RuleModel> rules, RuleFieldNames names)
        {
            var accepts = rules.Count == 0 ? "false" : string.Join(" || ", rules.Select(r => $"{names.AcceptsHelper(contract)}({names.Field(r)}, argumentType)"));
            writer.Line();
            writer.Line("// Each rule takes arguments of its own type argument only: the engine asks this stage about no other object.");
            writer.Line($"bool {Rules}IDispatchedStage<{contract.Implemented}>.Accepts(global::System.Type argumentType)");
            writer.Line($"    => {accepts};");
        }

        /// <summary>The initializer handing a decorator the rule it wraps, itself created with the ones it wraps.</summary>
        private static string Decorated(EquatableArray<string> wrapped, int index)
            => index == wrapped.Count ? string.Empty : $" {{ Decorated = new {wrapped[index]}(){Decorated(wrapped, index + 1)} }}";

        private static SourceWriter Open(PipelineDeclaration declaration, EquatableArray<string> usings)
        {
            var writer = new SourceWriter();
            writer.Line("// <auto-generated/>");
            writer.Line("#nullable enable");
            writer.Line("// A rule marked [Obsolete] is still run: only code a user writes should be warned about it.");
            writer.Line("#pragma warning disable CS0612, CS0618");
            writer.Line();
            if (usings.Count > 0)
            {
                writer.Line("// The contract's own usings: its signature names a type generated into this project, which the rules generator cannot see.");
                foreach (var directive in usings)
                {
                    writer.Line(directive);
                }

                writer.Line();
            }

            if (declaration.Namespace.Length > 0)
            {
                writer.OpenBlock("namespace " + declaration.Namespace);
            }

            return writer;
        }

        private static string Close(SourceWriter writer, PipelineDeclaration declaration)
        {
            writer.CloseBlock();
            if (declaration.Namespace.Length > 0)
            {
                writer.CloseBlock();
            }

            return writer.ToString();
        }

        private static void EmitRuleTable(SourceWriter writer, PipelineSet set, RuleFieldNames names)
        {
            writer.Line();
            writer.Line("/// <summary>Every rule of every profile, once; each pipeline's <c>Rules</c> lists the entries it runs.</summary>");
            writer.OpenBlock("private static class RuleTable");
            foreach (var entry in set.Rules)
            {
                var rule = entry.Rule;
                var contract = rule.Contract!.Replace("global::", string.Empty);
                writer.Line($"public static readonly {Rules}RuleInfo {names.Entry(entry)} = new(");
                writer.Line($"    {Lit(rule.Name)}, {Rules}RuleStage.{rule.Stage}, {Lit(contract)}, {rule.Order.ToString(CultureInfo.InvariantCulture)}, {Lit(rule.TypeName.Replace("global::", string.Empty))},");
                writer.Line($"    {Nullable(rule.Description)}, Replaced: {Nullable(entry.Replaced)});");
            }

            writer.CloseBlock();
        }

        // Infers each rule's type argument from the rule instance, so a model generated into this same compilation
        // (which this generator cannot see) never has to be named.
        private static void EmitDispatchHelper(SourceWriter writer, ContractModel contract, RuleFieldNames names)
        {
            var dispatch = contract.Dispatch!;
            var typed = "typed";
            var parameters = string.Join(", ", contract.Parameters.Select(p => p.Type + " " + p.Name));
            var arguments = string.Join(", ", contract.Parameters.Select(p => p.Name == dispatch.DispatchedParameter ? typed : p.Name));
            writer.Line();
            writer.Line($"/// <summary>Calls <paramref name=\"rule\"/> when <paramref name=\"{dispatch.DispatchedParameter}\"/> is a <typeparamref name=\"{dispatch.TypeParameter}\"/>.</summary>");
            writer.Line($"private static {contract.ReturnType} {names.Helper(contract)}<{dispatch.TypeParameter}>({contract.Key} rule, {parameters})");
            writer.Line($"    where {dispatch.TypeParameter} : {dispatch.Constraint}");
            writer.Line(contract.Convention == ResultConvention.EveryRule
                ? $"{{ if ({dispatch.DispatchedParameter} is {dispatch.TypeParameter} {typed}) rule.{contract.Method}({arguments}); }}"
                : $"    => {dispatch.DispatchedParameter} is {dispatch.TypeParameter} {typed} ? rule.{contract.Method}({arguments}) : null;");
            writer.Line();
            writer.Line($"/// <summary>Whether <paramref name=\"rule\"/> can be called with an argument of <paramref name=\"argumentType\"/>.</summary>");
            writer.Line($"private static bool {names.AcceptsHelper(contract)}<{dispatch.TypeParameter}>({contract.Key} rule, global::System.Type argumentType)");
            writer.Line($"    where {dispatch.TypeParameter} : {dispatch.Constraint}");
            writer.Line($"    => typeof({dispatch.TypeParameter}).IsAssignableFrom(argumentType);");
        }

        private static void EmitProfile(SourceWriter writer, ProfilePipeline profile, RuleFieldNames names)
        {
            writer.Line($"/// <summary>The {Lit(profile.Profile)} profile. Each stage contract's rules and method are in the file named after the contract.</summary>");
            writer.OpenBlock($"private sealed partial class {ClassName(profile)} : {Rules}RulePipeline");
            writer.Line($"public override string Profile => {Lit(profile.Profile)};");
            writer.Line();
            writer.OpenBlock($"public override {List}<{Rules}RuleInfo> Rules {{ get; }} = new {Rules}RuleInfo[]");
            foreach (var rule in profile.Rules)
            {
                writer.Line($"RuleTable.{names.Entry(rule)},");
            }

            writer.CloseBlock(";");
            writer.CloseBlock();
        }

        private static void EmitContract(SourceWriter writer, ContractModel contract, List<RuleModel> rules, RuleFieldNames names)
        {
            var parameters = string.Join(", ", contract.Parameters.Select(p => p.Type + " " + p.Name));
            writer.Line($"// {contract.Stage} stage, {contract.Name}: {Describe(contract)}.");
            writer.OpenBlock($"{contract.ReturnType} {contract.Implemented}.{contract.Method}({parameters})");
            switch (contract.Convention)
            {
                case ResultConvention.EveryRule:
                    foreach (var rule in rules)
                    {
                        var call = Call(contract, rule, names) + ";";
                        writer.Line(Filter(contract, rule) is { } filter ? $"if ({filter}) {call}" : call);
                    }

                    break;
                case ResultConvention.FirstDecidingVerdict:
                    EmitVerdicts(writer, contract, rules, names);
                    break;
                default:
                    if (rules.Count == 0)
                    {
                        writer.Line("return null;");
                        break;
                    }

                    for (var i = 0; i < rules.Count; i++)
                    {
                        var call = Call(contract, rules[i], names);
                        var value = Filter(contract, rules[i]) is { } filter ? $"({filter} ? {call} : null)" : call;
                        writer.Line((i == 0 ? "return " : "    ?? ") + value + (i == rules.Count - 1 ? ";" : string.Empty));
                    }

                    break;
            }

            writer.CloseBlock();
        }

        private static void EmitVerdicts(SourceWriter writer, ContractModel contract, List<RuleModel> rules, RuleFieldNames names)
        {
            var trail = contract.TracedParameter is null ? null : contract.TracedParameter + ".Trail";
            if (rules.Count > 0)
            {
                writer.Line($"{contract.ReturnType} verdict;");
            }

            foreach (var rule in rules)
            {
                if (rule != rules[0])
                {
                    writer.Line();
                }

                var filter = Filter(contract, rule);
                if (filter is not null)
                {
                    writer.OpenBlock($"if ({filter})");
                }

                writer.Line($"verdict = {Call(contract, rule, names)};");
                if (trail is not null)
                {
                    writer.Line($"{trail}?.Record({Lit(rule.Name)}, verdict);");
                }

                writer.Line("if (verdict.Decides) return verdict;");
                if (filter is not null)
                {
                    writer.CloseBlock();
                    if (trail is not null)
                    {
                        writer.OpenBlock("else");
                        writer.Line($"{trail}?.Skip({Lit(rule.Name)}, {Lit("it applies only to " + DescribeAppliesTo(rule.AppliesTo))});");
                        writer.CloseBlock();
                    }
                }
            }

            if (rules.Count > 0)
            {
                writer.Line();
            }

            writer.Line("// No rule decided.");
            writer.Line("return default!;");
        }

        private static string Call(ContractModel contract, RuleModel rule, RuleFieldNames names)
        {
            var arguments = string.Join(", ", contract.Parameters.Select(p => p.Name));
            if (contract.Dispatch is null)
            {
                return $"{names.Field(rule)}.{contract.Method}({arguments})";
            }

            // A rule implements a generic contract once (RM1001), so the compiler infers its type argument.
            return $"{names.Helper(contract)}({names.Field(rule)}, {arguments})";
        }

        private static string? Filter(ContractModel contract, RuleModel rule)
            => rule.AppliesTo.Count == 0 || contract.SubjectParameter is null
                ? null
                : string.Join(" || ", rule.AppliesTo.Select(a => $"{Rules}RuleFilter.Applies({contract.SubjectParameter}, {Lit(a.Group)}, {Lit(a.Kind)}, {Nullable(a.Label)}, {Nullable(a.Annotation)}, {Nullable(a.Namespace)})"));

        private static string Describe(ContractModel contract)
        {
            switch (contract.Convention)
            {
                case ResultConvention.EveryRule:
                    return "every rule runs, in order";
                case ResultConvention.FirstDecidingVerdict:
                    return contract.TracedParameter is null ? "the first verdict that decides wins" : $"the first verdict that decides wins; every step goes to {contract.TracedParameter}.Trail";
                default:
                    return contract.Dispatch is null ? "the first non-null result wins" : $"the first non-null result wins; each rule sees only {contract.Dispatch.DispatchedParameter}s of its own type";
            }
        }

        private static string DescribeAppliesTo(EquatableArray<AppliesToModel> appliesTo)
            => string.Join(" or ", appliesTo.Select(a =>
                (a.Group.Length == 0 ? a.Kind : a.Group + "/" + a.Kind)
                + (a.Namespace is null ? string.Empty : " in namespace " + a.Namespace)
                + (a.Label is null ? string.Empty : " labelled " + a.Label)
                + (a.Annotation is null ? string.Empty : " annotated " + a.Annotation)));

        private static string ClassName(ProfilePipeline profile) => RuleFieldNames.Pascal(profile.Profile) + "Pipeline";

        private static string Lit(string value) => SymbolDisplay.FormatLiteral(value, quote: true);

        private static string Nullable(string? value) => value is null ? "null" : Lit(value);
    }
}
