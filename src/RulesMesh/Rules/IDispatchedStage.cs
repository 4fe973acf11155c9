namespace RulesMesh.Rules;

/// <summary>
/// What a generated pipeline says of a generic stage contract (such as <c>IServiceModelRule&lt;TResource&gt;</c>), whose
/// rules are each called only with arguments of their own type argument: which runtime types some rule can be called
/// with. The engine asks the stage only about objects of those types (a mesh's Pods and WorkloadEntries are never asked
/// whether they are services when no service-model rule takes them).
/// </summary>
/// <typeparam name="TContract">The contract as the pipeline implements it.</typeparam>
public interface IDispatchedStage<TContract>
    where TContract : class
{
    /// <summary>Whether some active rule of the contract can be called with an argument of <paramref name="argumentType"/>.</summary>
    bool Accepts(Type argumentType);
}
