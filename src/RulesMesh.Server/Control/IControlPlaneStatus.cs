namespace RulesMesh.Server.Control;

/// <summary>What <c>/readyz</c> and <c>/debug/sources</c> show about the control plane.</summary>
public interface IControlPlaneStatus
{
    /// <summary>Every source is synced and the first full snapshot is built.</summary>
    bool IsReady { get; }

    /// <summary>Each source: synced or not, and the problems each of its origins has now.</summary>
    IReadOnlyList<SourceStatus> Sources { get; }
}
