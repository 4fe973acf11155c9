using System.Linq;
using Microsoft.CodeAnalysis;

namespace RulesMesh.Generators.Common
{
    /// <summary>
    /// A diagnostic as equatable data. Roslyn's <see cref="Diagnostic"/> and <see cref="Location"/> hold
    /// references that defeat caching, so pipelines carry this and build the real diagnostic when reporting.
    /// </summary>
    internal sealed record DiagnosticInfo(DiagnosticDescriptor Descriptor, SourceLocation? Location, EquatableArray<string> MessageArgs)
    {
        public static DiagnosticInfo Create(DiagnosticDescriptor descriptor, SourceLocation? location, params string[] messageArgs)
            => new DiagnosticInfo(descriptor, location, messageArgs.ToEquatableArray());

        public Diagnostic ToDiagnostic()
            => Diagnostic.Create(Descriptor, Location?.ToLocation() ?? Microsoft.CodeAnalysis.Location.None, MessageArgs.Cast<object>().ToArray());
    }
}
