using CsCheck;

namespace RulesMesh.Tests.Engine;

/// <summary>
/// The generators: edits over every target (the kinds the engine reads weighted towards the ones that churn most in a
/// mesh, plus restores and edits that change nothing), and scenarios of a start, a profile and up to
/// <c>maxEdits</c> edits. A scenario is one generated value, so CsCheck shrinks a failing one as a whole: fewer edits,
/// smaller numbers.
/// </summary>
internal static class MeshEdits
{
    private static readonly (int Weight, EditTarget Target)[] Weights =
    [
        (6, EditTarget.Service), (7, EditTarget.ServiceEntry), (4, EditTarget.Namespace), (5, EditTarget.Gateway), (3, EditTarget.GatewayClass),
        (6, EditTarget.Pod), (4, EditTarget.WorkloadEntry), (4, EditTarget.EndpointSlice), (2, EditTarget.Node), (4, EditTarget.DestinationRule),
        (4, EditTarget.AuthorizationPolicy), (5, EditTarget.HttpRoute), (3, EditTarget.GrpcRoute), (3, EditTarget.ReferenceGrant),
        (3, EditTarget.BackendConfigPolicy), (3, EditTarget.BackendTlsPolicy), (3, EditTarget.Restore), (6, EditTarget.NoChange),
    ];

    // A kind's first mutation is the one issue 11 names for it (a ServiceEntry's status-only VIP, a Gateway's readiness,
    // a Pod's readiness, a capture label): three edits in ten make it, the rest pick any operation.
    private static readonly Gen<int> Operation = Gen.Frequency((3, Gen.Const(EditPlanner.CommonOperations)), (7, Gen.Int[0, 15]));

    /// <summary>One edit; one in four joins the batch before it.</summary>
    public static Gen<MeshEdit> Edit { get; } =
        Gen.Select(Gen.Frequency(Weights), Operation, Gen.Int[0, 63], Gen.Int[0, 63], Gen.Int[0, 3])
            .Select(static (target, operation, pick, value, batch) => new MeshEdit(target, operation, pick, value, batch == 0));

    /// <summary>Scenarios from <paramref name="starts"/> in <paramref name="profile"/>, with 1 to <paramref name="maxEdits"/> edits.</summary>
    public static Gen<EngineScenario> Scenarios(IReadOnlyList<EngineStart> starts, string profile, int maxEdits)
        => Gen.Select(Gen.Int[0, starts.Count - 1], Edit.Array[1, maxEdits])
            .Select((start, edits) => new EngineScenario(starts[start], profile, edits));
}
