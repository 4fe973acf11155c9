namespace RulesMesh.Generators.Analyzers
{
    /// <summary>Keys of the properties the rule analyzer attaches to its diagnostics, read by the code fixes.</summary>
    internal static class RuleDiagnosticProperties
    {
        /// <summary>On RM1005: the <c>RuleProblem</c> name.</summary>
        public const string Problem = "RulesMesh.RuleProblem";
    }
}
