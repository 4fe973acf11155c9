namespace RulesMesh.Server.Tests.EndToEnd;

/// <summary>The end-to-end tests share one install of gRPC's xDS client.</summary>
[CollectionDefinition(Name)]
public sealed class EndToEndCollection : ICollectionFixture<XdsClientInstall>
{
    public const string Name = "end-to-end";
}
