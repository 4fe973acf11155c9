using Google.Protobuf;
using Google.Protobuf.Reflection;
using Google.Protobuf.WellKnownTypes;
using Validate;

namespace RulesMesh.Xds.Constraints;

/// <summary>
/// Checks a message against the validation rules its protos declare (protoc-gen-validate's <c>(validate.rules)</c>,
/// <c>(validate.required)</c> oneofs, <c>(validate.disabled)</c> messages), which Envoy checks on every resource it
/// receives and every extension's typed config before using it: a resource that breaks one is refused (NACKed) with the
/// whole response that carried it. Envoy's checks beyond these rules (durations out of range anywhere, cross-resource
/// consistency) are not made here. Messages packed in an <c>Any</c> are unpacked and checked when their type is compiled
/// here, as Envoy checks a typed config when it builds the extension. What is learnt of each type is kept in this
/// instance; create one and reuse it.
/// </summary>
public sealed class ProtoConstraints
{
    private readonly Func<string, MessageDescriptor?> _findType;
    private readonly Dictionary<MessageDescriptor, MessagePlan> _plans = [];
    private readonly FieldRuleChecks _checks = new();

    /// <summary>Creates a checker that unpacks <c>Any</c> values whose type <paramref name="findType"/> finds.</summary>
    public ProtoConstraints(Func<string, MessageDescriptor?> findType) => _findType = findType ?? throw new ArgumentNullException(nameof(findType));

    /// <summary>A checker that unpacks every type compiled into RulesMesh.Envoy.</summary>
    public static ProtoConstraints ForEnvoy() => new(EnvoyJson.FindMessageType);

    /// <summary>Every rule <paramref name="message"/> breaks, each with the path of its field; empty when it breaks none.</summary>
    public IReadOnlyList<ConstraintViolation> Check(IMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        var violations = new List<ConstraintViolation>();
        CheckMessage(message, string.Empty, violations);
        return violations;
    }

    private void CheckMessage(IMessage message, string path, List<ConstraintViolation> violations)
    {
        if (message is Any any)
        {
            CheckPacked(any, path, violations);
            return;
        }

        var plan = PlanOf(message.Descriptor);
        if (plan.Disabled)
        {
            return;
        }

        foreach (var oneof in plan.RequiredOneofs)
        {
            if (oneof.Accessor.GetCaseFieldDescriptor(message) is null)
            {
                violations.Add(new ConstraintViolation(Join(path, oneof.Name), $"exactly one of {string.Join(", ", oneof.Fields.Select(static f => f.Name))} must be set"));
            }
        }

        foreach (var field in plan.Fields)
        {
            CheckField(message, field, Join(path, field.Descriptor.Name), violations);
        }
    }

    private void CheckField(IMessage message, FieldPlan field, string path, List<ConstraintViolation> violations)
    {
        var descriptor = field.Descriptor;
        var rules = field.Rules;
        if (descriptor.IsMap)
        {
            var map = (System.Collections.IDictionary)descriptor.Accessor.GetValue(message);
            FieldRuleChecks.CheckMap(map, rules?.Map, descriptor, path, violations, CheckValue);
            return;
        }

        if (descriptor.IsRepeated)
        {
            var list = (System.Collections.IList)descriptor.Accessor.GetValue(message);
            FieldRuleChecks.CheckRepeated(list, rules?.Repeated, path, violations);
            var itemRules = rules?.Repeated?.Items;
            for (var i = 0; i < list.Count; i++)
            {
                CheckValue(list[i], descriptor, itemRules, $"{path}[{i}]", violations);
            }

            return;
        }

        var present = !descriptor.HasPresence || descriptor.Accessor.HasValue(message);
        if (!present)
        {
            // A oneof member's rules hold only when it is the member set; the oneof's own (validate.required) covers the rest.
            if (descriptor.RealContainingOneof is null && (rules?.Message?.Required == true || rules?.Any?.Required == true || rules?.Duration?.Required == true || rules?.Timestamp?.Required == true))
            {
                violations.Add(new ConstraintViolation(path, "is required"));
            }

            return;
        }

        CheckValue(descriptor.Accessor.GetValue(message), descriptor, rules, path, violations);
    }

    /// <summary>One value of <paramref name="descriptor"/> (the field's, or one item or map value of it) against <paramref name="rules"/>.</summary>
    private void CheckValue(object? value, FieldDescriptor descriptor, FieldRules? rules, string path, List<ConstraintViolation> violations)
    {
        if (value is null)
        {
            return;
        }

        if (rules is not null)
        {
            _checks.CheckValue(value, descriptor, rules, path, violations);
        }

        if (value is IMessage nested && rules?.Message?.Skip != true)
        {
            CheckMessage(nested, path, violations);
        }
    }

    private void CheckPacked(Any any, string path, List<ConstraintViolation> violations)
    {
        var typeName = Any.GetTypeName(any.TypeUrl);
        if (string.IsNullOrEmpty(typeName) || _findType(typeName) is not { } type)
        {
            return;
        }

        IMessage unpacked;
        try
        {
            unpacked = type.Parser.ParseFrom(any.Value);
        }
        catch (InvalidProtocolBufferException exception)
        {
            violations.Add(new ConstraintViolation(path, $"does not hold a valid {typeName}: {exception.Message}"));
            return;
        }

        CheckMessage(unpacked, path, violations);
    }

    private MessagePlan PlanOf(MessageDescriptor descriptor)
    {
        if (!_plans.TryGetValue(descriptor, out var plan))
        {
            plan = MessagePlan.Of(descriptor);
            _plans.Add(descriptor, plan);
        }

        return plan;
    }

    private static string Join(string path, string name) => path.Length == 0 ? name : $"{path}.{name}";

    /// <summary>What a type asks of its fields: whether it is checked at all, its required oneofs, and each field with its rules.</summary>
    private sealed record MessagePlan(bool Disabled, IReadOnlyList<OneofDescriptor> RequiredOneofs, IReadOnlyList<FieldPlan> Fields)
    {
        public static MessagePlan Of(MessageDescriptor descriptor)
        {
            var disabled = descriptor.GetOptions()?.GetExtension(ValidateExtensions.Disabled) == true;
            var oneofs = descriptor.Oneofs
                .Where(static oneof => !oneof.IsSynthetic && oneof.GetOptions()?.GetExtension(ValidateExtensions.Required) == true)
                .ToList();
            var fields = descriptor.Fields.InFieldNumberOrder()
                .Select(static field => new FieldPlan(field, field.GetOptions()?.GetExtension(ValidateExtensions.Rules)))
                .Where(static field => field.Rules is not null || field.Descriptor.FieldType == FieldType.Message)
                .ToList();
            return new MessagePlan(disabled, oneofs, fields);
        }
    }

    private sealed record FieldPlan(FieldDescriptor Descriptor, FieldRules? Rules);
}
