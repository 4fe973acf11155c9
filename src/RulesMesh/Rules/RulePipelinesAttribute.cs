namespace RulesMesh.Rules;

/// <summary>
/// Declares where the rules generator writes this project's pipelines, as <c>JsonSerializerContext</c> users declare a
/// context: put it on a <c>static partial</c> class and the generator adds <c>DefaultProfile</c>, <c>Profiles</c> and
/// <c>Create(profile)</c>, with one pipeline per profile compiled from every rule of the project and of the assemblies
/// it references. A project without such a class gets no pipeline.
/// </summary>
/// <example><code>[RulePipelines] public static partial class MeshPipelines;</code></example>
[AttributeUsage(AttributeTargets.Class, Inherited = false)]
public sealed class RulePipelinesAttribute : Attribute
{
    /// <summary>The profile <c>Create</c> uses when none is given; default <c>kgateway</c> when that profile exists, else the first by name.</summary>
    public string? DefaultProfile { get; set; }
}
