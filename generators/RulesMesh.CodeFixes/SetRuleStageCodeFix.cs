using System.Collections.Immutable;
using System.Composition;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Formatting;
using Microsoft.CodeAnalysis.Simplification;
using RulesMesh.Generators.Analyzers;
using RulesMesh.Generators.Diagnostics;

namespace RulesMesh.CodeFixes
{
    /// <summary>
    /// RM1001: sets <c>Stage = RuleStage.X</c> on the <c>[Rule]</c> attribute, X being the stage of the interfaces
    /// or data attribute the rule implements. Offered only when they all belong to one stage.
    /// </summary>
    [ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(SetRuleStageCodeFix))]
    [Shared]
    public sealed class SetRuleStageCodeFix : CodeFixProvider
    {
        /// <inheritdoc />
        public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(DiagnosticDescriptors.RuleWithoutStage.Id);

        /// <inheritdoc />
        public override FixAllProvider GetFixAllProvider() => WellKnownFixAllProviders.BatchFixer;

        /// <inheritdoc />
        public override async Task RegisterCodeFixesAsync(CodeFixContext context)
        {
            var root = await context.Document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
            if (root is null)
            {
                return;
            }

            foreach (var diagnostic in context.Diagnostics)
            {
                if (!diagnostic.Properties.TryGetValue(RuleDiagnosticProperties.InferredStage, out var stage)
                    || string.IsNullOrEmpty(stage)
                    || root.FindNode(diagnostic.Location.SourceSpan).FirstAncestorOrSelf<AttributeSyntax>() is not { } attribute)
                {
                    continue;
                }

                context.RegisterCodeFix(
                    CodeAction.Create($"Set Stage = RuleStage.{stage}", token => SetStage(context.Document, attribute, stage!, token), equivalenceKey: nameof(SetRuleStageCodeFix) + "." + stage),
                    diagnostic);
            }
        }

        private static async Task<Document> SetStage(Document document, AttributeSyntax attribute, string stage, CancellationToken cancellationToken)
        {
            var root = await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
            if (root is null)
            {
                return document;
            }

            // Fully qualified and marked for simplification: it reads RuleStage.X wherever RulesMesh.Rules is imported.
            var value = SyntaxFactory.ParseExpression("global::RulesMesh.Rules.RuleStage." + stage).WithAdditionalAnnotations(Simplifier.Annotation);
            var existing = attribute.ArgumentList?.Arguments.FirstOrDefault(a => a.NameEquals?.Name.Identifier.ValueText == "Stage");
            AttributeSyntax updated;
            if (existing is not null)
            {
                updated = attribute.ReplaceNode(existing.Expression, value.WithTriviaFrom(existing.Expression));
            }
            else
            {
                var argument = SyntaxFactory.AttributeArgument(value)
                    .WithNameEquals(SyntaxFactory.NameEquals(SyntaxFactory.IdentifierName("Stage"), SyntaxFactory.Token(SyntaxKind.EqualsToken).WithLeadingTrivia(SyntaxFactory.Space).WithTrailingTrivia(SyntaxFactory.Space)));
                var arguments = attribute.ArgumentList ?? SyntaxFactory.AttributeArgumentList();

                // After the name, so the attribute keeps reading [Rule("name", Stage = ..., Order = ...)].
                var position = arguments.Arguments.TakeWhile(a => a.NameEquals is null && a.NameColon is null).Count();
                updated = attribute.WithArgumentList(arguments.WithArguments(arguments.Arguments.Insert(position, argument)));
            }

            return document.WithSyntaxRoot(root.ReplaceNode(attribute, updated.WithAdditionalAnnotations(Formatter.Annotation)));
        }
    }
}
