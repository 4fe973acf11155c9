using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using RulesMesh.Generators.Common;

namespace RulesMesh.Generators.Analyzers
{
    /// <summary>
    /// The kinds a rule may name in <c>[AppliesTo]</c>, for one compilation. The sources are asked from the cheapest
    /// to the dearest, and each is read only when a kind was not found in the ones before it.
    /// </summary>
    internal sealed class KindCatalog
    {
        /// <summary>Core kinds that KubernetesClient models and the engine reads, and the pseudo kind for ServiceEntry hosts.</summary>
        private static readonly HashSet<ModelKind> BuiltIn = new HashSet<ModelKind>
        {
            new ModelKind(string.Empty, "Namespace"),
            new ModelKind(string.Empty, "Service"),
            new ModelKind(string.Empty, "Pod"),
            new ModelKind(string.Empty, "Node"),
            new ModelKind(string.Empty, "ConfigMap"),
            new ModelKind("discovery.k8s.io", "EndpointSlice"),
            new ModelKind("networking.istio.io", "Hostname"),
        };

        private readonly Lazy<HashSet<ModelKind>> _provided;
        private readonly Lazy<HashSet<ModelKind>> _entities;
        private readonly Lazy<HashSet<ModelKind>> _crds;

        public KindCatalog(Compilation compilation, IAssemblySymbol library, AnalyzerOptions options, CancellationToken cancellationToken)
        {
            _provided = new Lazy<HashSet<ModelKind>>(() => ReferencedRuleReader.ProvidedModels(compilation, library, cancellationToken), LazyThreadSafetyMode.ExecutionAndPublication);
            _entities = new Lazy<HashSet<ModelKind>>(() => KubernetesEntities(compilation.Assembly.GlobalNamespace, cancellationToken), LazyThreadSafetyMode.ExecutionAndPublication);
            _crds = new Lazy<HashSet<ModelKind>>(() => Crds(options.AdditionalFiles, cancellationToken), LazyThreadSafetyMode.ExecutionAndPublication);
        }

        public bool IsKnown(string group, string kind)
        {
            var key = new ModelKind(group, kind);
            return BuiltIn.Contains(key) || _provided.Value.Contains(key) || _entities.Value.Contains(key) || _crds.Value.Contains(key);
        }

        /// <summary>"; did you mean 'group/Kind'?" for the known kind closest to an unknown one (a case-only slip included), or empty.</summary>
        public string DidYouMean(string group, string kind)
            => NameSuggestion.DidYouMean(
                Display(new ModelKind(group, kind)),
                BuiltIn.Concat(_provided.Value).Concat(_entities.Value).Concat(_crds.Value).Select(Display));

        private static string Display(ModelKind kind) => kind.Group.Length == 0 ? kind.Kind : kind.Group + "/" + kind.Kind;

        /// <summary>Types of this compilation, hand-written or generated, carrying <c>[k8s.Models.KubernetesEntity]</c>.</summary>
        private static HashSet<ModelKind> KubernetesEntities(INamespaceSymbol root, CancellationToken cancellationToken)
        {
            var kinds = new HashSet<ModelKind>();
            var namespaces = new Stack<INamespaceSymbol>();
            var types = new Stack<INamedTypeSymbol>();
            namespaces.Push(root);
            while (namespaces.Count > 0)
            {
                cancellationToken.ThrowIfCancellationRequested();
                var ns = namespaces.Pop();
                foreach (var child in ns.GetNamespaceMembers())
                {
                    namespaces.Push(child);
                }

                foreach (var type in ns.GetTypeMembers())
                {
                    types.Push(type);
                }

                while (types.Count > 0)
                {
                    var type = types.Pop();
                    foreach (var nested in type.GetTypeMembers())
                    {
                        types.Push(nested);
                    }

                    foreach (var attribute in type.GetAttributes())
                    {
                        if (attribute.AttributeClass is { Name: "KubernetesEntityAttribute" } c && c.ContainingNamespace?.ToDisplayString() == "k8s.Models")
                        {
                            string? group = null, kind = null;
                            foreach (var argument in attribute.NamedArguments)
                            {
                                if (argument.Key == "Group")
                                {
                                    group = argument.Value.Value as string;
                                }
                                else if (argument.Key == "Kind")
                                {
                                    kind = argument.Value.Value as string;
                                }
                            }

                            if (kind is not null)
                            {
                                kinds.Add(new ModelKind(group ?? string.Empty, kind));
                            }
                        }
                    }
                }
            }

            return kinds;
        }

        /// <summary>Kinds of the CustomResourceDefinitions in the project's YAML AdditionalFiles (what the model generator reads).</summary>
        private static HashSet<ModelKind> Crds(ImmutableArray<AdditionalText> files, CancellationToken cancellationToken)
        {
            var kinds = new HashSet<ModelKind>();
            foreach (var file in files)
            {
                if (!file.Path.EndsWith(".yaml", StringComparison.OrdinalIgnoreCase) && !file.Path.EndsWith(".yml", StringComparison.OrdinalIgnoreCase))
                {
                    continue;
                }

                if (file.GetText(cancellationToken) is { } text)
                {
                    kinds.UnionWith(CrdKindReader.Read(text));
                }
            }

            return kinds;
        }
    }
}
