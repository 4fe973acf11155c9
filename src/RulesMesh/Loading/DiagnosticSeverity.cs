namespace RulesMesh.Loading;

/// <summary>How much a <see cref="LoadDiagnostic"/> matters.</summary>
public enum DiagnosticSeverity
{
    /// <summary>Something was skipped on purpose; the rest is complete.</summary>
    Warning,

    /// <summary>A document could not be used; the result lacks it.</summary>
    Error,
}
