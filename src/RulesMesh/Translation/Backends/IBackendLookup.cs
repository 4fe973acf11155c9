using RulesMesh.Mesh;

namespace RulesMesh.Translation.Backends;

/// <summary>Where a <see cref="BackendIndex"/> finds backends: indexed once, or per service by the engine (which records each lookup as a dependency).</summary>
internal interface IBackendLookup
{
    IReadOnlyList<BackendObject> All();

    IReadOnlyList<BackendObject> ForServicePort(ObjectKey service, int port);

    IReadOnlyList<BackendObject> ForHost(string host, int port);

    IReadOnlyList<BackendObject> ForHost(string host);

    IReadOnlyList<BackendObject> ForAlias(ObjectKey alias, int port);
}
