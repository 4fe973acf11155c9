using System.Reflection;

namespace RulesMesh.Cli.Catalogue;

/// <summary>
/// Counts the generated types that make up one kind's model: the kind's class and every class or
/// enum struct reachable from it through its properties. Kinds of one group/version share a namespace,
/// so the namespace alone cannot tell whose types are whose; reachability can.
/// </summary>
internal static class ModelTypeCounter
{
    public static int Count(Type kind)
    {
        var seen = new HashSet<Type> { kind };
        var pending = new Queue<Type>(seen);
        while (pending.TryDequeue(out var type))
        {
            foreach (var property in type.GetProperties(BindingFlags.Public | BindingFlags.Instance))
            {
                foreach (var referenced in Unwrap(property.PropertyType))
                {
                    if (IsGeneratedBeside(referenced, kind) && seen.Add(referenced))
                    {
                        pending.Enqueue(referenced);
                    }
                }
            }
        }

        return seen.Count;
    }

    // List<T>, Dictionary<string, T> and Nullable<T> hide the model type in their type arguments.
    private static IEnumerable<Type> Unwrap(Type type)
    {
        yield return type;
        foreach (var argument in type.GetGenericArguments().SelectMany(Unwrap))
        {
            yield return argument;
        }
    }

    private static bool IsGeneratedBeside(Type type, Type kind)
        => type.Assembly == kind.Assembly && type.Namespace == kind.Namespace;
}
