using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace RulesMesh.Generators.Readers
{
    /// <summary>
    /// Generates model readers for the types named by <c>[GenerateModelReaders(typeof(...))]</c> on a static partial
    /// class: the source-generated counterpart of System.Text.Json's reflection deserializer for models a referenced
    /// assembly declares (KubernetesClient's), in the manner of a JsonSerializerContext.
    /// </summary>
    [Generator(LanguageNames.CSharp)]
    public sealed class ModelReaderGenerator : IIncrementalGenerator
    {
        /// <summary>The attribute that asks for readers.</summary>
        public const string AttributeName = "RulesMesh.Modeling.GenerateModelReadersAttribute";

        /// <inheritdoc />
        public void Initialize(IncrementalGeneratorInitializationContext context)
        {
            var sets = context.SyntaxProvider.ForAttributeWithMetadataName(
                AttributeName,
                static (node, _) => node is ClassDeclarationSyntax,
                static (attributed, _) => ReaderModelBuilder.Build(
                    (INamedTypeSymbol)attributed.TargetSymbol,
                    attributed.Attributes
                        .SelectMany(a => a.ConstructorArguments)
                        .SelectMany(argument => argument.Kind == TypedConstantKind.Array ? (System.Collections.Generic.IEnumerable<TypedConstant>)argument.Values : new[] { argument })
                        .Select(value => value.Value)
                        .OfType<INamedTypeSymbol>()));

            context.RegisterSourceOutput(sets, static (output, set) => output.AddSource(ReaderEmitter.HintName(set), ReaderEmitter.Emit(set)));
        }
    }
}
