namespace RulesMesh.Server.Tests.Proxyless;

/// <summary>The proxyless end-to-end tests share one install of the gRPC harness.</summary>
[CollectionDefinition(Name)]
public sealed class GrpcHarnessCollection : ICollectionFixture<GrpcHarnessInstall>
{
    public const string Name = "proxyless-end-to-end";
}
