using System.Collections;
using System.Reflection;
using System.Runtime.CompilerServices;
using RulesMesh.Store;

namespace RulesMesh.Tests.Architecture;

/// <summary>
/// The runtime library keeps no state beside the code: every static field is read-only and holds nothing that can
/// change (no ConditionalWeakTable, no list, dictionary, set or array). What one translation builds lives in that
/// translation's objects. Hand-written code only: the generated models and pipeline are checked by the generators' tests.
/// </summary>
public sealed class NoHiddenStateTests
{
    [Fact]
    public void No_static_field_of_the_runtime_library_holds_changeable_state()
    {
        var offenders = typeof(ResourceStore).Assembly.GetTypes()
            .Where(static t => !t.IsDefined(typeof(CompilerGeneratedAttribute)) && !t.Name.Contains('<', StringComparison.Ordinal) && !IsGenerated(t.Namespace))
            .SelectMany(static t => t.GetFields(BindingFlags.Static | BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.DeclaredOnly))
            .Where(static f => !f.IsLiteral && (!f.IsInitOnly || Changeable(f.FieldType, f.GetValue(null))))
            .Select(static f => $"{f.DeclaringType!.FullName}.{f.Name} ({f.FieldType.Name})")
            .Order(StringComparer.Ordinal)
            .ToList();

        Assert.True(offenders.Count == 0, "Static fields holding changeable state:\n" + string.Join("\n", offenders));
    }

    private static bool IsGenerated(string? ns)
        => ns is not null && ns.StartsWith("RulesMesh.Models", StringComparison.Ordinal);

    // A value is changeable when it is an array, a ConditionalWeakTable or a collection of a type that has an Add method
    // (List, Dictionary, HashSet, …); frozen and read-only wrappers and the compiler's collection-expression types have none.
    private static bool Changeable(Type declared, object? value)
    {
        var type = value?.GetType() ?? declared;
        return type.IsArray
            || (type.IsGenericType && type.GetGenericTypeDefinition() == typeof(ConditionalWeakTable<,>))
            || (value is IEnumerable and not string && type.GetMethod("Add", BindingFlags.Public | BindingFlags.Instance) is not null
                && !type.Name.StartsWith("Frozen", StringComparison.Ordinal) && !type.Name.StartsWith("ReadOnly", StringComparison.Ordinal)
                && type.Namespace?.StartsWith("System.Collections.Immutable", StringComparison.Ordinal) != true);
    }
}
