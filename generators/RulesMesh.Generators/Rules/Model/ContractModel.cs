using RulesMesh.Generators.Common;

namespace RulesMesh.Generators.Rules.Model
{
    /// <summary>
    /// A stage contract: a single-method interface marked <c>[StageContract]</c>, declared in this compilation or
    /// exported by a referenced assembly. Every generated pipeline implements it by calling its rules.
    /// </summary>
    /// <param name="Key">The interface's open definition, fully qualified (<c>global::Ns.IRule</c>, <c>global::Ns.IRule&lt;T&gt;</c>); rules name their contract by it.</param>
    /// <param name="Implemented">The interface the pipeline implements: the key itself, or a generic contract closed over its type parameter's constraint.</param>
    /// <param name="Name">The interface's simple name, for comments.</param>
    /// <param name="Stage">The <c>RuleStage</c> member name.</param>
    /// <param name="Method">The contract's one method.</param>
    /// <param name="ReturnType">The method's return type as the pipeline implements it.</param>
    /// <param name="Parameters">The method's parameters as the pipeline implements them.</param>
    /// <param name="Convention">How the rules' results combine.</param>
    /// <param name="SubjectParameter">The parameter AppliesTo checks (a rule subject or a Kubernetes object), or null.</param>
    /// <param name="TracedParameter">The parameter carrying a <c>RuleTrail</c> (an <c>ITracedContext</c>), or null.</param>
    /// <param name="Dispatch">For a generic contract: how each rule is called only with arguments of its own type argument.</param>
    /// <param name="Usings">
    /// The using directives of the contract's file, when its signature names a type generated into this same compilation:
    /// this generator cannot see that type, so the implementation names it as the contract does, under the same usings.
    /// </param>
    internal sealed record ContractModel(
        string Key,
        string Implemented,
        string Name,
        string Stage,
        string Method,
        string ReturnType,
        EquatableArray<ContractParameter> Parameters,
        ResultConvention Convention,
        string? SubjectParameter,
        string? TracedParameter,
        GenericDispatch? Dispatch,
        EquatableArray<string> Usings);

    /// <summary>A parameter of a <see cref="ContractModel"/> method.</summary>
    internal sealed record ContractParameter(string Type, string Name);

    /// <summary>
    /// A generic contract's dispatch: the pipeline writes a generic helper that checks the argument's runtime type, so the
    /// compiler infers each rule's type argument (which may be a model generated into this same compilation, invisible to
    /// this generator).
    /// </summary>
    /// <param name="TypeParameter">The contract's type parameter, e.g. <c>TResource</c>.</param>
    /// <param name="Constraint">Its constraint, which the pipeline implements the contract over.</param>
    /// <param name="OpenParameters">The method's parameters with the type parameter in place.</param>
    /// <param name="DispatchedParameter">The parameter whose type is the type parameter.</param>
    internal sealed record GenericDispatch(string TypeParameter, string Constraint, EquatableArray<ContractParameter> OpenParameters, string DispatchedParameter);

    /// <summary>How a contract combines its rules' results, decided by the method's return type.</summary>
    internal enum ResultConvention
    {
        /// <summary><c>void</c>: every rule runs, in order.</summary>
        EveryRule,

        /// <summary>An <c>IRuleVerdict</c>: the first verdict that decides wins; every step is recorded.</summary>
        FirstDecidingVerdict,

        /// <summary>Anything else: the first non-null result wins.</summary>
        FirstNonNull,
    }
}
