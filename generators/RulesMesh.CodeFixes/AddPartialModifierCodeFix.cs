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
using RulesMesh.Generators.Analyzers;
using RulesMesh.Generators.Diagnostics;
using RulesMesh.Generators.Rules.Parsing;

namespace RulesMesh.CodeFixes
{
    /// <summary>RM1005 for a data-attribute rule, RM1028 for a <c>[RulePipelines]</c> class, that is not partial: adds the <c>partial</c> modifier.</summary>
    [ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(AddPartialModifierCodeFix))]
    [Shared]
    public sealed class AddPartialModifierCodeFix : CodeFixProvider
    {
        private const string Title = "Make the rule class partial";
        private const string PipelinesTitle = "Make the pipelines class partial";

        /// <inheritdoc />
        public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(DiagnosticDescriptors.DataRuleNotPartial.Id, DiagnosticDescriptors.PipelinesNotPartial.Id);

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
                var pipelines = diagnostic.Id == DiagnosticDescriptors.PipelinesNotPartial.Id;
                if (!pipelines && (!diagnostic.Properties.TryGetValue(RuleDiagnosticProperties.Problem, out var problem) || problem != nameof(RuleProblem.DeclarativeNotPartial)))
                {
                    continue;
                }

                if (root.FindToken(diagnostic.Location.SourceSpan.Start).Parent?.FirstAncestorOrSelf<ClassDeclarationSyntax>() is not { } declaration
                    || declaration.Modifiers.Any(SyntaxKind.PartialKeyword))
                {
                    continue;
                }

                context.RegisterCodeFix(
                    CodeAction.Create(pipelines ? PipelinesTitle : Title, token => AddPartial(context.Document, declaration, token), equivalenceKey: nameof(AddPartialModifierCodeFix) + (pipelines ? "Pipelines" : string.Empty)),
                    diagnostic);
            }
        }

        private static async Task<Document> AddPartial(Document document, ClassDeclarationSyntax declaration, CancellationToken cancellationToken)
        {
            var root = await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
            if (root is null)
            {
                return document;
            }

            return document.WithSyntaxRoot(root.ReplaceNode(declaration, WithPartial(declaration)));
        }

        /// <summary>Adds <c>partial</c> as the last modifier, right before <c>class</c>, where C# requires it.</summary>
        internal static ClassDeclarationSyntax WithPartial(ClassDeclarationSyntax declaration)
        {
            var partial = SyntaxFactory.Token(SyntaxKind.PartialKeyword).WithTrailingTrivia(SyntaxFactory.Space);
            if (declaration.Modifiers.Count > 0)
            {
                return declaration.WithModifiers(declaration.Modifiers.Add(partial));
            }

            // No modifiers: partial takes the keyword's place in the line, attributes and indentation included.
            var keyword = declaration.Keyword;
            return declaration
                .WithKeyword(keyword.WithLeadingTrivia(SyntaxFactory.TriviaList()))
                .WithModifiers(SyntaxFactory.TokenList(partial.WithLeadingTrivia(keyword.LeadingTrivia)));
        }
    }
}
