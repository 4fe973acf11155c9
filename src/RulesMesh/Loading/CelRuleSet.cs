using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Cel;
using RulesMesh.Loading.CelLanguage;

namespace RulesMesh.Loading;

/// <summary>
/// Every CEL rule (<c>x-kubernetes-validations</c>) of one kind version's schema, compiled once, kept on the schema
/// nodes that carry them and the paths leading there, so a document is walked only where a rule applies.
/// </summary>
internal sealed class CelRuleSet
{
    private readonly JsonObject schema;
    private readonly List<CelRule> rules = [];
    private CelSchema? ruleSchema;

    // The properties whose subtree has rules, by UTF-8 name (a schema names each property once).
    private readonly List<(byte[] Name, CelRuleSet Set)> properties = [];
    private CelRuleSet? items;
    private CelRuleSet? additionalProperties;

    private CelRuleSet(JsonObject schema) => this.schema = schema;

    /// <summary>The rules that cannot be enforced at load, each as "path: rule — why".</summary>
    public List<string> Unenforceable { get; } = [];

    private bool IsEmpty => rules.Count == 0 && properties.Count == 0 && items is null && additionalProperties is null;

    /// <summary>
    /// Compiles the rules of <paramref name="rootSchema"/> (an openAPIV3Schema): with the rule compiler, and in
    /// <paramref name="environment"/> those it does not support (all of them with <paramref name="interpretOnly"/>).
    /// </summary>
    public static CelRuleSet Compile(JsonObject rootSchema, Lazy<CelEnvironment> environment, bool interpretOnly = false)
    {
        var set = new CelRuleSet(rootSchema);
        set.CompileNode(environment, FieldPath.Root, set.Unenforceable, interpretOnly);
        return set;
    }

    /// <summary>Adds a violation to <paramref name="violations"/> for each rule <paramref name="manifest"/> breaks.</summary>
    public void Validate(JsonElement manifest, List<SchemaViolation> violations)
    {
        if (!IsEmpty)
        {
            new Walk(violations).Visit(this, manifest);
        }
    }

    private void CompileNode(Lazy<CelEnvironment> environment, string path, List<string> unenforceable, bool interpretOnly)
    {
        foreach (var definition in (schema["x-kubernetes-validations"] as JsonArray ?? []).OfType<JsonObject>())
        {
            if (CelRule.Compile(environment, definition, out var why, interpretOnly) is { } rule)
            {
                rules.Add(rule);
            }
            else
            {
                unenforceable.Add($"{(path.Length == 0 ? "(root)" : path)}: {(string?)definition["rule"]} — {why}");
            }
        }

        if (rules.Count > 0)
        {
            ruleSchema = CelSchema.From(schema);
        }

        foreach (var (name, child) in schema["properties"] as JsonObject ?? [])
        {
            if (Child(child, environment, FieldPath.Property(path, name), unenforceable, interpretOnly) is { } set)
            {
                properties.Add((Encoding.UTF8.GetBytes(name), set));
            }
        }

        items = Child(schema["items"], environment, path + "[*]", unenforceable, interpretOnly);
        additionalProperties = Child(schema["additionalProperties"], environment, path + "[*]", unenforceable, interpretOnly);
    }

    private static CelRuleSet? Child(JsonNode? node, Lazy<CelEnvironment> environment, string path, List<string> unenforceable, bool interpretOnly)
    {
        if (node is not JsonObject childSchema)
        {
            return null;
        }

        var set = new CelRuleSet(childSchema);
        set.CompileNode(environment, path, unenforceable, interpretOnly);
        return set.IsEmpty ? null : set;
    }

    /// <summary>
    /// One document's walk through the nodes that have rules. The path to the current node is kept as the steps taken
    /// and spelled out only for a violation, and one rule subject serves every node: a document that breaks no rule
    /// costs no path strings and no subject per node.
    /// </summary>
    private sealed class Walk(List<SchemaViolation> violations)
    {
        // Room for the depth of the usual rule paths (spec.ports[*].number), so the list is not regrown within a document.
        private readonly List<PathStep> steps = new(8);
        private CelRuleSubject? subject;

        public void Visit(CelRuleSet set, JsonElement value)
        {
            // Kubernetes reads an explicit null as "not set": no rule applies to it.
            if (value.ValueKind == JsonValueKind.Null)
            {
                return;
            }

            if (set.rules.Count > 0)
            {
                Check(set, value);
            }

            switch (value.ValueKind)
            {
                case JsonValueKind.Object:
                    foreach (var property in value.EnumerateObject())
                    {
                        if (set.PropertyRules(property) is { } child)
                        {
                            steps.Add(new PathStep(property, 0));
                            Visit(child, property.Value);
                            steps.RemoveAt(steps.Count - 1);
                        }
                    }

                    break;
                case JsonValueKind.Array when set.items is not null:
                    var index = 0;
                    foreach (var item in value.EnumerateArray())
                    {
                        steps.Add(new PathStep(null, index++));
                        Visit(set.items, item);
                        steps.RemoveAt(steps.Count - 1);
                    }

                    break;
            }
        }

        private void Check(CelRuleSet set, JsonElement value)
        {
            if (subject is null)
            {
                subject = new CelRuleSubject(value, set.ruleSchema!, set.schema);
            }
            else
            {
                subject.MoveTo(value, set.ruleSchema!, set.schema);
            }

            foreach (var rule in set.rules)
            {
                var outcome = rule.Evaluate(subject, out var valueProblem);
                if (outcome == CelOutcome.Error && valueProblem is not null)
                {
                    // The rule could not read the value: what is wrong with the value says more than the rule's message.
                    violations.Add(new SchemaViolation(Blamed(Path(), rule.FieldPath), $"{Verb(rule.Reason)}: {valueProblem}"));
                }
                else if (outcome is CelOutcome.Fails or CelOutcome.Error)
                {
                    var message = rule.Describe(subject).TrimEnd('.');
                    if (outcome == CelOutcome.Error)
                    {
                        message += " (its rule cannot be evaluated on this value)";
                    }

                    violations.Add(new SchemaViolation(Blamed(Path(), rule.FieldPath), $"{Verb(rule.Reason)}: {message}"));
                }
            }
        }

        private string Path()
        {
            var path = FieldPath.Root;
            foreach (var step in steps)
            {
                path = step.Property is { } property ? FieldPath.Property(path, property.Name) : FieldPath.Index(path, step.Index);
            }

            return path;
        }
    }

    /// <summary>A step from a node to a child: member <see cref="Property"/> of an object, else item <see cref="Index"/> of a list.</summary>
    private readonly record struct PathStep(JsonProperty? Property, int Index);

    // The rules of a member: found by comparing its UTF-8 name with the few properties that have rules, so that the
    // members without any (most of them) cost no name string; only a schema with additionalProperties rules needs it.
    private CelRuleSet? PropertyRules(JsonProperty property)
    {
        foreach (var (name, set) in properties)
        {
            if (property.NameEquals(name))
            {
                return set;
            }
        }

        return additionalProperties is not null && schema["properties"]?[property.Name] is null ? additionalProperties : null;
    }

    // fieldPath is a JSON path relative to the rule's node: ".spec.port" or ".ports['http']".
    private static string Blamed(string path, string? fieldPath)
    {
        foreach (var segment in (fieldPath ?? string.Empty).Split('.', StringSplitOptions.RemoveEmptyEntries))
        {
            path = FieldPath.Property(path, segment.Trim('[', ']', '\''));
        }

        return path;
    }

    private static string Verb(string? reason) => reason switch
    {
        "FieldValueRequired" => "is required",
        "FieldValueForbidden" => "is forbidden",
        "FieldValueDuplicate" => "has a duplicate",
        _ => "is invalid",
    };
}
