using RulesMesh.Loading;
using RulesMesh.Models;

namespace RulesMesh.Tests.Validation;

/// <summary>Every CEL rule of the bundled schemas compiles and is enforced, except the transition rules the API server checks only on update.</summary>
public sealed class BundledSchemaRuleTests
{
    [Fact]
    public void Every_rule_of_the_bundled_schemas_is_enforceable_except_transition_rules()
    {
        var validator = new SchemaValidator();

        var unenforceable = GeneratedModels.All.SelectMany(model => validator.UnenforceableRules(model).Select(rule => $"{model.ApiVersion} {model.Kind} {rule}")).ToList();

        Assert.All(unenforceable, rule => Assert.Contains("transition rule", rule, StringComparison.Ordinal));
    }
}
