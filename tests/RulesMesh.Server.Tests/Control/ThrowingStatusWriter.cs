using RulesMesh.Engine;
using RulesMesh.Server.Control;

namespace RulesMesh.Server.Tests.Control;

/// <summary>A status writer that fails every call, synchronously, as a broken writer would.</summary>
internal sealed class ThrowingStatusWriter : IStatusWriter
{
    public int Calls { get; private set; }

    public Task WriteAsync(StatusMaps current, IReadOnlyList<StatusChange> changes, CancellationToken cancellationToken)
    {
        Calls++;
        throw new InvalidOperationException("the API server refused the status");
    }
}
