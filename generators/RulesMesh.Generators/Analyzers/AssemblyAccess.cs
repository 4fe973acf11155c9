using System.Runtime.CompilerServices;

// The code fixes live in their own assembly (it needs Workspaces, which the compiler never loads) and share
// the descriptors and property keys; the analyzer tests read them as well.
[assembly: InternalsVisibleTo("RulesMesh.CodeFixes")]
[assembly: InternalsVisibleTo("RulesMesh.Analyzers.Tests")]
