using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;
using RulesMesh.Generators.Common;
using RulesMesh.Generators.Diagnostics;
using RulesMesh.Generators.Rules.Model;
using RulesMesh.Generators.Rules.Parsing;

namespace RulesMesh.Generators.Analyzers
{
    /// <summary>
    /// Checks <c>[Rule]</c> classes and <c>[StageContract]</c> interfaces as the rules generator will read them
    /// (RM1001–RM1008, RM1010, RM1012–RM1029): each on its own as it is declared, and, once the whole compilation is seen, all rules
    /// together with the rules that referenced assemblies export through their <c>RuleManifest</c> attributes.
    /// </summary>
    [DiagnosticAnalyzer(LanguageNames.CSharp)]
    public sealed class RulesAnalyzer : DiagnosticAnalyzer
    {
        private const string AppliesToAttribute = "RulesMesh.Rules.AppliesToAttribute";

        // RM1026: the methods that change a collection, and the collection types they are looked for on.
        private static readonly ImmutableHashSet<string> MutatingMethods = ImmutableHashSet.Create(
            System.StringComparer.Ordinal,
            "Add", "AddFirst", "AddLast", "AddOrUpdate", "AddRange", "Clear", "CompleteAdding", "Dequeue", "Enqueue", "EnqueueRange", "EnsureCapacity",
            "ExceptWith", "GetOrAdd", "Insert", "InsertRange", "IntersectWith", "Pop", "Push", "PushRange", "Remove", "RemoveAll", "RemoveAt",
            "RemoveFirst", "RemoveLast", "RemoveRange", "RemoveWhere", "Reverse", "Sort", "SymmetricExceptWith", "Take", "TrimExcess", "TryAdd",
            "TryDequeue", "TryPop", "TryPopRange", "TryRemove", "TryTake", "TryUpdate", "UnionWith");

        private static readonly ImmutableHashSet<string> MutableCollections = ImmutableHashSet.Create(
            System.StringComparer.Ordinal,
            "System.Collections.Generic.List<T>", "System.Collections.Generic.Dictionary<TKey, TValue>", "System.Collections.Generic.HashSet<T>",
            "System.Collections.Generic.Queue<T>", "System.Collections.Generic.Stack<T>", "System.Collections.Generic.SortedDictionary<TKey, TValue>",
            "System.Collections.Generic.SortedList<TKey, TValue>", "System.Collections.Generic.SortedSet<T>", "System.Collections.Generic.LinkedList<T>",
            "System.Collections.Generic.PriorityQueue<TElement, TPriority>", "System.Collections.Concurrent.ConcurrentDictionary<TKey, TValue>",
            "System.Collections.Concurrent.ConcurrentBag<T>", "System.Collections.Concurrent.ConcurrentQueue<T>", "System.Collections.Concurrent.ConcurrentStack<T>",
            "System.Collections.Concurrent.BlockingCollection<T>", "System.Collections.ArrayList", "System.Collections.Hashtable",
            "System.Collections.Generic.ICollection<T>", "System.Collections.Generic.IList<T>", "System.Collections.Generic.IDictionary<TKey, TValue>",
            "System.Collections.Generic.ISet<T>");

        /// <inheritdoc />
        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(
            DiagnosticDescriptors.RuleContract,
            DiagnosticDescriptors.RuleOrderClash,
            DiagnosticDescriptors.ReplacedRuleNotFound,
            DiagnosticDescriptors.AppliesToUnknownKind,
            DiagnosticDescriptors.DataRuleNotPartial,
            DiagnosticDescriptors.DuplicateRuleName,
            DiagnosticDescriptors.OrderingRuleNotFound,
            DiagnosticDescriptors.OrderingCycle,
            DiagnosticDescriptors.InvalidStageContract,
            DiagnosticDescriptors.UnknownProfile,
            DiagnosticDescriptors.RuleReplacesItself,
            DiagnosticDescriptors.ReplacedRuleNotInProfile,
            DiagnosticDescriptors.AppliesToUnreachableKind,
            DiagnosticDescriptors.AbstractRule,
            DiagnosticDescriptors.StaticRule,
            DiagnosticDescriptors.GenericRule,
            DiagnosticDescriptors.NestedRule,
            DiagnosticDescriptors.RuleWithoutParameterlessConstructor,
            DiagnosticDescriptors.DecoratedRuleNotFound,
            DiagnosticDescriptors.DecoratorWithoutBase,
            DiagnosticDescriptors.DecoratorWithAppliesTo,
            DiagnosticDescriptors.EmptyRuleName,
            DiagnosticDescriptors.MutableRuleState,
            DiagnosticDescriptors.ContractWithoutRule,
            DiagnosticDescriptors.PipelinesNotPartial,
            DiagnosticDescriptors.InvalidClusterNameFormat);

        /// <inheritdoc />
        public override void Initialize(AnalysisContext context)
        {
            context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
            context.EnableConcurrentExecution();
            context.RegisterCompilationStartAction(start =>
            {
                var ruleAttribute = start.Compilation.GetTypeByMetadataName(RuleNames.RuleAttribute);
                if (ruleAttribute is null)
                {
                    return;
                }

                var appliesTo = start.Compilation.GetTypeByMetadataName(AppliesToAttribute);
                var kinds = new KindCatalog(start.Compilation, ruleAttribute.ContainingAssembly, start.Options, start.CancellationToken);
                var profiles = new System.Lazy<List<string>>(() => ReferencedRuleReader.DeclaredProfiles(start.Compilation, ruleAttribute.ContainingAssembly), System.Threading.LazyThreadSafetyMode.ExecutionAndPublication);
                var rules = new ConcurrentBag<DeclaredRule>();
                start.RegisterSymbolAction(symbol => AnalyzeType(symbol, ruleAttribute, appliesTo, kinds, profiles, rules), SymbolKind.NamedType);
                start.RegisterOperationAction(operation => ReportCollectionMutation(operation, ruleAttribute), OperationKind.Invocation, OperationKind.SimpleAssignment, OperationKind.CompoundAssignment, OperationKind.CoalesceAssignment);
                start.RegisterCompilationEndAction(end => AnalyzeAll(end, ruleAttribute.ContainingAssembly, rules.ToList()));
            });
        }

        private static void AnalyzeType(SymbolAnalysisContext context, INamedTypeSymbol ruleAttribute, INamedTypeSymbol? appliesTo, KindCatalog kinds, System.Lazy<List<string>> profiles, ConcurrentBag<DeclaredRule> rules)
        {
            var type = (INamedTypeSymbol)context.Symbol;
            if (type.TypeKind == TypeKind.Interface)
            {
                AnalyzeContract(context, type);
                return;
            }

            var attribute = type.GetAttributes().FirstOrDefault(a => SymbolEqualityComparer.Default.Equals(a.AttributeClass, ruleAttribute));
            if (attribute is null)
            {
                ReportPipelinesNotPartial(context, type);
                ReportContractWithoutRule(context, type);
                return;
            }

            if (attribute.ApplicationSyntaxReference?.GetSyntax(context.CancellationToken) is not AttributeSyntax syntax)
            {
                return;
            }

            var rule = RuleParser.Parse(type, attribute, context.Compilation, out var problem);
            var attributeLocation = syntax.GetLocation();
            var replacesLocation = NamedArgument(syntax, "Replaces")?.GetLocation() ?? attributeLocation;
            rules.Add(new DeclaredRule(
                rule,
                problem,
                attributeLocation,
                replacesLocation,
                NamedArgument(syntax, "Before")?.GetLocation() ?? attributeLocation,
                NamedArgument(syntax, "After")?.GetLocation() ?? attributeLocation,
                NamedArgument(syntax, "Decorates")?.GetLocation() ?? attributeLocation));

            var declaration = syntax.FirstAncestorOrSelf<TypeDeclarationSyntax>();
            var classLocation = declaration?.Identifier.GetLocation() ?? type.Locations.FirstOrDefault();
            var contracts = RuleParser.Contracts(type, RuleParser.ReadDeclarative(type), context.Compilation);
            if (problem is RuleProblem.NoStageContract or RuleProblem.SeveralStageContracts)
            {
                context.ReportDiagnostic(Diagnostic.Create(DiagnosticDescriptors.RuleContract, classLocation, RuleProblemMessages.For(problem, type, rule, contracts)));
            }
            else if (problem is not RuleProblem.None and not RuleProblem.AttributeArgumentNotConstant)
            {
                context.ReportDiagnostic(Diagnostic.Create(
                    RuleProblemMessages.Descriptor(problem),
                    classLocation,
                    ImmutableDictionary<string, string?>.Empty.Add(RuleDiagnosticProperties.Problem, problem.ToString()),
                    RuleProblemMessages.For(problem, type, rule, contracts)));
            }

            var model = rule.Rule;
            if (string.IsNullOrWhiteSpace(model.Name) && !RuleParser.HasUnevaluableArgument(type))
            {
                var nameLocation = syntax.ArgumentList?.Arguments.FirstOrDefault(a => a.NameEquals is null)?.GetLocation() ?? attributeLocation;
                context.ReportDiagnostic(Diagnostic.Create(DiagnosticDescriptors.EmptyRuleName, nameLocation, type.Name));
            }

            ReportMutableState(context, type);
            ReportClusterNameFormat(context, type, attributeLocation);

            if (model.Profile is { } profile && !profiles.Value.Contains(profile))
            {
                context.ReportDiagnostic(Diagnostic.Create(
                    DiagnosticDescriptors.UnknownProfile,
                    NamedArgument(syntax, "Profile")?.GetLocation() ?? attributeLocation,
                    model.Name,
                    profile,
                    NameSuggestion.DidYouMean(profile, profiles.Value),
                    profiles.Value.Count == 0 ? "none is declared" : string.Join(", ", profiles.Value)));
            }

            if (model.Replaces is { } replaced && replaced == model.Name)
            {
                context.ReportDiagnostic(Diagnostic.Create(DiagnosticDescriptors.RuleReplacesItself, replacesLocation, model.Name));
            }

            if (model.Decorates is { } decorated && contracts.Count == 1)
            {
                var decoratesLocation = NamedArgument(syntax, "Decorates")?.GetLocation() ?? attributeLocation;
                if (!RuleParser.DerivesFromDecoratorOf(type, contracts[0]))
                {
                    context.ReportDiagnostic(Diagnostic.Create(DiagnosticDescriptors.DecoratorWithoutBase, decoratesLocation, model.Name, decorated, RuleProblemMessages.Display(contracts[0])));
                }

                if (model.AppliesTo.Count > 0)
                {
                    context.ReportDiagnostic(Diagnostic.Create(DiagnosticDescriptors.DecoratorWithAppliesTo, decoratesLocation, model.Name, decorated));
                }
            }

            if (appliesTo is null)
            {
                return;
            }

            var receivable = contracts.Count == 1 ? SubjectKinds.Of(contracts[0]) : null;
            foreach (var target in type.GetAttributes())
            {
                if (!SymbolEqualityComparer.Default.Equals(target.AttributeClass, appliesTo)
                    || target.ConstructorArguments.Length != 2
                    || target.ConstructorArguments[0].Value is not string group
                    || target.ConstructorArguments[1].Value is not string kind)
                {
                    continue;
                }

                var location = target.ApplicationSyntaxReference?.GetSyntax(context.CancellationToken).GetLocation() ?? attributeLocation;
                var shown = SubjectKinds.Display(new ModelKind(group, kind));
                if (!kinds.IsKnown(group, kind))
                {
                    context.ReportDiagnostic(Diagnostic.Create(DiagnosticDescriptors.AppliesToUnknownKind, location, type.Name, shown, kinds.DidYouMean(group, kind)));
                }
                else if (receivable is not null && !receivable.Receives(group, kind))
                {
                    context.ReportDiagnostic(Diagnostic.Create(DiagnosticDescriptors.AppliesToUnreachableKind, location, type.Name, shown, RuleProblemMessages.Display(contracts[0]), receivable.Description));
                }
            }
        }

        /// <summary>RM1029: a <c>[ClusterNameFormat]</c> whose format names no placeholder or leaves a brace open, at its argument.</summary>
        private static void ReportClusterNameFormat(SymbolAnalysisContext context, INamedTypeSymbol type, Location fallback)
        {
            foreach (var attribute in type.GetAttributes())
            {
                if (attribute.AttributeClass is not { Name: RuleNames.ClusterNameFormat } c
                    || c.ContainingNamespace.ToDisplayString() != RuleNames.DeclarativeNamespace
                    || attribute.ConstructorArguments.Length != 1
                    || attribute.ConstructorArguments[0].Value is not string format)
                {
                    continue;
                }

                var problems = ClusterNameFormatCheck.Problems(format, out var suggestion);
                if (problems.Count == 0)
                {
                    continue;
                }

                var syntax = attribute.ApplicationSyntaxReference?.GetSyntax(context.CancellationToken) as AttributeSyntax;
                var location = syntax?.ArgumentList?.Arguments.FirstOrDefault()?.GetLocation() ?? syntax?.GetLocation() ?? fallback;
                var described = problems.Count == 1 ? problems[0] : string.Join(", ", problems.Take(problems.Count - 1)) + " and " + problems[problems.Count - 1];
                context.ReportDiagnostic(Diagnostic.Create(DiagnosticDescriptors.InvalidClusterNameFormat, location, type.Name, format, described, ClusterNameFormatCheck.Known, suggestion));
            }
        }

        /// <summary>RM1028: the generator adds the pipelines as another part of a <c>[RulePipelines]</c> class, which must be partial for it.</summary>
        private static void ReportPipelinesNotPartial(SymbolAnalysisContext context, INamedTypeSymbol type)
        {
            if (type.TypeKind != TypeKind.Class
                || !type.GetAttributes().Any(a => a.AttributeClass?.ToDisplayString() == RuleNames.RulePipelinesAttribute)
                || RuleParser.IsPartial(type))
            {
                return;
            }

            foreach (var reference in type.DeclaringSyntaxReferences)
            {
                if (reference.GetSyntax(context.CancellationToken) is ClassDeclarationSyntax declaration)
                {
                    context.ReportDiagnostic(Diagnostic.Create(DiagnosticDescriptors.PipelinesNotPartial, declaration.Identifier.GetLocation(), type.Name));
                }
            }
        }

        /// <summary>RM1027: a concrete class that declares a stage contract among its interfaces is almost always a rule missing its attribute.</summary>
        private static void ReportContractWithoutRule(SymbolAnalysisContext context, INamedTypeSymbol type)
        {
            if (type.TypeKind != TypeKind.Class || type.IsAbstract || type.IsStatic
                || type.GetAttributes().Any(a => a.AttributeClass?.ToDisplayString() == RuleNames.RulePipelinesAttribute))
            {
                return;
            }

            var contract = type.Interfaces.FirstOrDefault(i => ContractReader.StageOf(i) is not null);
            if (contract is not null && type.Locations.FirstOrDefault(l => l.IsInSource) is { } location)
            {
                context.ReportDiagnostic(Diagnostic.Create(DiagnosticDescriptors.ContractWithoutRule, location, type.Name, RuleProblemMessages.Display(contract)));
            }
        }

        /// <summary>
        /// RM1026: fields that are not readonly, and auto-properties with a setter, of the rule and of the base classes
        /// declared in source (a library base such as RuleDecorator is not the user's to change).
        /// </summary>
        private static void ReportMutableState(SymbolAnalysisContext context, INamedTypeSymbol rule)
        {
            for (var type = rule; type is not null && type.Locations.Any(l => l.IsInSource); type = type.BaseType)
            {
                foreach (var field in type.GetMembers().OfType<IFieldSymbol>())
                {
                    // Implicit fields other than auto-property backing fields (a captured primary-constructor parameter) are RM1020's.
                    if (field.IsConst || field.IsReadOnly || field.AssociatedSymbol is IEventSymbol || (field.IsImplicitlyDeclared && field.AssociatedSymbol is not IPropertySymbol))
                    {
                        continue;
                    }

                    var holder = field.AssociatedSymbol as IPropertySymbol;
                    var shown = (holder is null ? $"field '{field.Name}'" : $"property '{holder.Name}'") + ", which is not readonly";
                    var location = (holder?.Locations ?? field.Locations).FirstOrDefault(l => l.IsInSource);
                    if (location is not null)
                    {
                        context.ReportDiagnostic(Diagnostic.Create(DiagnosticDescriptors.MutableRuleState, location, rule.Name, shown));
                    }
                }
            }
        }

        /// <summary>
        /// RM1026 for a readonly field of a mutable collection that the rule changes: <c>readonly</c> keeps the field from
        /// being reassigned, not the collection from changing, so a cache or a list of what was seen is state all the same.
        /// Reported at the change: a call of a changing method (<c>Add</c>, <c>TryAdd</c>, <c>Clear</c>, ...) or an
        /// assignment through the indexer, in the rule class, on a field of the rule or of a base class declared in source.
        /// </summary>
        private static void ReportCollectionMutation(OperationAnalysisContext context, INamedTypeSymbol ruleAttribute)
        {
            var rule = context.ContainingSymbol.ContainingType;
            if (rule is null || !rule.GetAttributes().Any(a => SymbolEqualityComparer.Default.Equals(a.AttributeClass, ruleAttribute)))
            {
                return;
            }

            IOperation? receiver;
            string change;
            switch (context.Operation)
            {
                case IInvocationOperation invocation when MutatingMethods.Contains(invocation.TargetMethod.Name):
                    receiver = invocation.Instance;
                    change = invocation.TargetMethod.Name;
                    break;
                case IAssignmentOperation { Target: IPropertyReferenceOperation { Property.IsIndexer: true } indexer }:
                    receiver = indexer.Instance;
                    change = "its indexer";
                    break;
                default:
                    return;
            }

            // Fields that are not readonly are reported at their declaration already.
            if (receiver is not IFieldReferenceOperation { Field: { IsReadOnly: true } field }
                || field.Type is not INamedTypeSymbol collection
                || !IsMutableCollection(collection)
                || !DeclaredByRule(rule, field.ContainingType))
            {
                return;
            }

            var shown = $"field '{field.Name}', a {collection.ToDisplayString(SymbolDisplayFormat.MinimallyQualifiedFormat)} it changes with {change} (readonly keeps the field from being reassigned, not the collection from changing)";
            context.ReportDiagnostic(Diagnostic.Create(DiagnosticDescriptors.MutableRuleState, context.Operation.Syntax.GetLocation(), rule.Name, shown));
        }

        private static bool IsMutableCollection(INamedTypeSymbol type)
            => MutableCollections.Contains(type.OriginalDefinition.ToDisplayString());

        private static bool DeclaredByRule(INamedTypeSymbol rule, INamedTypeSymbol owner)
        {
            for (var type = rule; type is not null && type.Locations.Any(l => l.IsInSource); type = type.BaseType)
            {
                if (SymbolEqualityComparer.Default.Equals(type, owner))
                {
                    return true;
                }
            }

            return false;
        }

        private static void AnalyzeContract(SymbolAnalysisContext context, INamedTypeSymbol type)
        {
            if (ContractReader.StageOf(type) is null)
            {
                return;
            }

            ContractReader.Read(type, out var problem);
            if (problem is not null)
            {
                context.ReportDiagnostic(Diagnostic.Create(DiagnosticDescriptors.InvalidStageContract, type.Locations.FirstOrDefault(), type.Name, problem));
            }
        }

        private static void AnalyzeAll(CompilationAnalysisContext context, IAssemblySymbol library, List<DeclaredRule> locals)
        {
            if (locals.Count == 0)
            {
                return;
            }

            // Declaration order, so diagnostics come out the same way every build.
            locals.Sort((a, b) => CompareLocations(a.AttributeLocation, b.AttributeLocation));
            var localNames = new HashSet<string>(locals.Select(l => l.Rule.Rule.Name), System.StringComparer.Ordinal);
            var localTypes = new HashSet<string>(locals.Select(l => l.Rule.Rule.TypeName), System.StringComparer.Ordinal);

            // A referenced rule that is one of this compilation's own types (a project that references an older
            // build of itself) is the same rule, not a second one.
            var referenced = ReferencedRuleReader.Rules(context.Compilation, library, context.CancellationToken)
                .Where(r => !localTypes.Contains(r.Rule.TypeName))
                .ToList();

            ReportDuplicateNames(context, locals, referenced);
            ReportUnknownReplacements(context, locals, localNames, referenced);
            ReportReplacementsOutsideProfile(context, locals, referenced);
            ReportUnknownDecorations(context, locals, referenced);
            var others = referenced.Where(r => !localNames.Contains(r.Rule.Name)).ToList();
            ReportOrderClashes(context, locals, others);
            ReportOrdering(context, locals, others);
        }

        private static void ReportOrdering(CompilationAnalysisContext context, List<DeclaredRule> locals, List<ReferencedRule> referenced)
        {
            var all = locals.Where(l => l.Rule.Rule.Contract is not null).Select(l => l.Rule.Rule).Concat(referenced.Select(r => r.Rule)).ToList();
            foreach (var local in locals.Where(l => l.Rule.Rule.Contract is not null))
            {
                var rule = local.Rule.Rule;
                foreach (var (property, target, location) in new[] { ("Before", rule.Before, local.BeforeLocation), ("After", rule.After, local.AfterLocation) })
                {
                    if (target is null)
                    {
                        continue;
                    }

                    var named = all.FirstOrDefault(r => r.Name == target);
                    var contract = ShortName(rule.Contract!);
                    if (named is null)
                    {
                        var sameContract = all.Where(r => r.Contract == rule.Contract).Select(r => r.Name);
                        context.ReportDiagnostic(Diagnostic.Create(DiagnosticDescriptors.OrderingRuleNotFound, location, rule.Name, property, target, "no rule of that name exists in this project or in the assemblies it references", contract, NameSuggestion.DidYouMean(target, sameContract)));
                    }
                    else if (named.Contract != rule.Contract)
                    {
                        context.ReportDiagnostic(Diagnostic.Create(DiagnosticDescriptors.OrderingRuleNotFound, location, rule.Name, property, target, "that rule implements " + (named.Contract is null ? "no stage contract" : ShortName(named.Contract)) + ", and rules only order against rules of their own contract", contract, string.Empty));
                    }
                }
            }

            // A cycle is reported on each local rule in it, naming the whole loop.
            var byContract = all.GroupBy(r => r.Contract!);
            foreach (var group in byContract)
            {
                var rules = group.ToList();
                foreach (var local in locals.Where(l => l.Rule.Rule.Contract == group.Key))
                {
                    if (FindCycle(local.Rule.Rule, rules) is { } cycle)
                    {
                        context.ReportDiagnostic(Diagnostic.Create(DiagnosticDescriptors.OrderingCycle, local.AttributeLocation, local.Rule.Rule.Name, string.Join(" -> ", cycle)));
                    }
                }
            }
        }

        /// <summary>The names along a path of "runs before" edges from <paramref name="start"/> back to itself, or null.</summary>
        private static List<string>? FindCycle(RuleModel start, List<RuleModel> rules)
        {
            IEnumerable<string> Successors(string name)
            {
                foreach (var rule in rules)
                {
                    if (rule.Name == name && rule.Before is { } before)
                    {
                        yield return before;
                    }

                    if (rule.After == name)
                    {
                        yield return rule.Name;
                    }
                }
            }

            var path = new List<string> { start.Name };
            var visited = new HashSet<string>(System.StringComparer.Ordinal);
            bool Walk(string name)
            {
                foreach (var next in Successors(name))
                {
                    if (next == start.Name)
                    {
                        path.Add(next);
                        return true;
                    }

                    if (visited.Add(next))
                    {
                        path.Add(next);
                        if (Walk(next))
                        {
                            return true;
                        }

                        path.RemoveAt(path.Count - 1);
                    }
                }

                return false;
            }

            return Walk(start.Name) ? path : null;
        }

        private static string ShortName(string contract) => contract.Substring(contract.LastIndexOf('.') + 1);

        private static void ReportDuplicateNames(CompilationAnalysisContext context, List<DeclaredRule> locals, List<ReferencedRule> referenced)
        {
            foreach (var local in locals)
            {
                var name = local.Rule.Rule.Name;
                var other = locals.FirstOrDefault(l => !ReferenceEquals(l, local) && l.Rule.Rule.Name == name);
                if (other is not null)
                {
                    context.ReportDiagnostic(Diagnostic.Create(DiagnosticDescriptors.DuplicateRuleName, local.AttributeLocation, name, TypeDisplay(local.Rule.Rule), TypeDisplay(other.Rule.Rule), string.Empty));
                    continue;
                }

                var external = referenced.FirstOrDefault(r => r.Rule.Name == name);
                if (external is not null)
                {
                    context.ReportDiagnostic(Diagnostic.Create(DiagnosticDescriptors.DuplicateRuleName, local.AttributeLocation, name, TypeDisplay(local.Rule.Rule), TypeDisplay(external.Rule), " in assembly '" + external.AssemblyName + "'"));
                }
            }
        }

        private static void ReportUnknownReplacements(CompilationAnalysisContext context, List<DeclaredRule> locals, HashSet<string> localNames, List<ReferencedRule> referenced)
        {
            var names = new HashSet<string>(localNames.Concat(referenced.Select(r => r.Rule.Name)), System.StringComparer.Ordinal);
            foreach (var local in locals)
            {
                if (local.Rule.Rule.Replaces is { } replaced && !names.Contains(replaced))
                {
                    context.ReportDiagnostic(Diagnostic.Create(DiagnosticDescriptors.ReplacedRuleNotFound, local.ReplacesLocation, local.Rule.Rule.Name, replaced, NameSuggestion.DidYouMean(replaced, names)));
                }
            }
        }

        private static void ReportUnknownDecorations(CompilationAnalysisContext context, List<DeclaredRule> locals, List<ReferencedRule> referenced)
        {
            var all = locals.Select(l => l.Rule.Rule).Concat(referenced.Select(r => r.Rule)).ToList();
            foreach (var local in locals.Where(l => l.Rule.Rule.Decorates is not null && l.Rule.Rule.Contract is not null))
            {
                var rule = local.Rule.Rule;
                var target = all.FirstOrDefault(r => r.Name == rule.Decorates);
                var why = rule.Decorates == rule.Name ? "that is the rule itself"
                    : target is null ? "no rule of that name exists in this project or in the assemblies it references"
                    : target.Contract != rule.Contract ? "that rule implements " + (target.Contract is null ? "no stage contract" : ShortName(target.Contract))
                    : null;
                if (why is not null)
                {
                    var suggestion = target is null ? NameSuggestion.DidYouMean(rule.Decorates!, all.Where(r => r.Contract == rule.Contract && r.Name != rule.Name).Select(r => r.Name)) : string.Empty;
                    context.ReportDiagnostic(Diagnostic.Create(DiagnosticDescriptors.DecoratedRuleNotFound, local.DecoratesLocation, rule.Name, rule.Decorates, why, ShortName(rule.Contract!), suggestion));
                }
            }
        }

        private static void ReportReplacementsOutsideProfile(CompilationAnalysisContext context, List<DeclaredRule> locals, List<ReferencedRule> referenced)
        {
            var all = locals.Select(l => l.Rule.Rule).Concat(referenced.Select(r => r.Rule)).ToList();
            foreach (var local in locals)
            {
                var rule = local.Rule.Rule;
                if (rule.Profile is not { } profile || rule.Replaces is not { } replaced || replaced == rule.Name)
                {
                    continue;
                }

                // The replaced rule is active only where its own profile is; with another profile the two never meet.
                var target = all.FirstOrDefault(r => r.Name == replaced);
                if (target?.Profile is { } targetProfile && targetProfile != profile)
                {
                    context.ReportDiagnostic(Diagnostic.Create(DiagnosticDescriptors.ReplacedRuleNotInProfile, local.ReplacesLocation, rule.Name, profile, replaced, targetProfile));
                }
            }
        }

        private static void ReportOrderClashes(CompilationAnalysisContext context, List<DeclaredRule> locals, List<ReferencedRule> referenced)
        {
            // Only rules that reach the pipeline can clash there: RM1001 and RM1005 already cover the others. Rules placed
            // by Before/After are not ordered by number alone, so their Order only breaks ties (then the name does); a
            // decorator runs at the place of the rule it decorates.
            var callable = locals.Where(l => l.Problem == RuleProblem.None).ToList();
            var all = callable.Select(l => (Rule: l.Rule.Rule, Assembly: (string?)null))
                .Concat(referenced.Select(r => (Rule: r.Rule, Assembly: (string?)r.AssemblyName)))
                .ToList();
            foreach (var local in callable)
            {
                var rule = local.Rule.Rule;
                foreach (var (other, assembly) in all)
                {
                    // Two rules of one name are RM1006's to report, not a clash of orders too.
                    if (ReferenceEquals(other, rule)
                        || other.Name == rule.Name
                        || other.Contract != rule.Contract
                        || other.Order != rule.Order
                        || rule.Before is not null || rule.After is not null || other.Before is not null || other.After is not null
                        || rule.Decorates is not null || other.Decorates is not null
                        || (rule.Profile is not null && other.Profile is not null && rule.Profile != other.Profile)
                        || rule.Replaces == other.Name
                        || other.Replaces == rule.Name
                        || !MayApplyToOneObject(rule, other))
                    {
                        continue;
                    }

                    // Where the two meet, a third rule may take the place of one of them.
                    var profile = rule.Profile ?? other.Profile;
                    if (IsReplacedIn(all, rule, profile) || IsReplacedIn(all, other, profile))
                    {
                        continue;
                    }

                    context.ReportDiagnostic(Diagnostic.Create(
                        DiagnosticDescriptors.RuleOrderClash,
                        local.AttributeLocation,
                        rule.Name,
                        rule.Order.ToString(System.Globalization.CultureInfo.InvariantCulture),
                        ShortName(rule.Contract!),
                        other.Name,
                        assembly is null ? string.Empty : " (from assembly '" + assembly + "')",
                        profile is null ? "every profile" : "profile '" + profile + "'"));
                }
            }
        }

        /// <summary>
        /// Whether the pipeline may call both rules for one object: either applies to every kind, or their [AppliesTo]
        /// name a kind in common. Labels, annotations and namespaces are not compared (two selectors can match one object).
        /// </summary>
        private static bool MayApplyToOneObject(RuleModel rule, RuleModel other)
            => rule.AppliesTo.Count == 0 || other.AppliesTo.Count == 0
                || rule.AppliesTo.Any(a => other.AppliesTo.Any(b => a.Group == b.Group && a.Kind == b.Kind));

        /// <summary>Whether some rule active in <paramref name="profile"/> (null: in every profile) replaces <paramref name="rule"/> there.</summary>
        private static bool IsReplacedIn(List<(RuleModel Rule, string? Assembly)> all, RuleModel rule, string? profile)
            => all.Any(r => r.Rule.Replaces == rule.Name && (r.Rule.Profile is null || (profile is not null && r.Rule.Profile == profile)));

        private static string TypeDisplay(RuleModel rule)
            => rule.TypeName.StartsWith("global::", System.StringComparison.Ordinal) ? rule.TypeName.Substring("global::".Length) : rule.TypeName;

        private static AttributeArgumentSyntax? NamedArgument(AttributeSyntax attribute, string name)
            => attribute.ArgumentList?.Arguments.FirstOrDefault(a => a.NameEquals?.Name.Identifier.ValueText == name);

        private static int CompareLocations(Location a, Location b)
        {
            var byPath = string.CompareOrdinal(a.SourceTree?.FilePath, b.SourceTree?.FilePath);
            return byPath != 0 ? byPath : a.SourceSpan.Start.CompareTo(b.SourceSpan.Start);
        }

        /// <summary>A <c>[Rule]</c> class of this compilation, with where to report on it.</summary>
        private sealed record DeclaredRule(LocalRule Rule, RuleProblem Problem, Location AttributeLocation, Location ReplacesLocation, Location BeforeLocation, Location AfterLocation, Location DecoratesLocation);
    }
}
