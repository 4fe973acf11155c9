namespace RulesMesh.Server.Tests.EndToEnd;

/// <summary>gRPC's own xDS client (tests/RulesMesh.Server.Tests/xds-client), installed once per test run.</summary>
public sealed class XdsClientInstall() : NodeHarnessInstall("xds-client", ["xds-watch.js"], "to run gRPC's own xDS client (@grpc/grpc-js-xds)")
{
    /// <summary>The harness script.</summary>
    public string Script => Path.Combine(Folder, "xds-watch.js");
}
