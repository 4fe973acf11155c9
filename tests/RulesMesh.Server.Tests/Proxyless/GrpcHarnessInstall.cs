using RulesMesh.Server.Tests.EndToEnd;

namespace RulesMesh.Server.Tests.Proxyless;

/// <summary>
/// The proxyless end-to-end harness (tests/RulesMesh.Server.Tests/grpc-e2e: real gRPC servers and an <c>xds:///</c>
/// client), installed once per test run.
/// </summary>
public sealed class GrpcHarnessInstall() : NodeHarnessInstall("grpc-e2e", ["echo.proto", "server.js", "client.js"], "to run real gRPC servers and clients (@grpc/grpc-js-xds)");
