using System.Collections.Immutable;
using System.Reflection;
using System.Reflection.Emit;
using System.Reflection.Metadata;
using System.Reflection.Metadata.Ecma335;
using System.Reflection.PortableExecutable;

namespace RulesMesh.Tests.Architecture;

/// <summary>
/// Which folder (namespace) of an assembly uses which other, read from the compiled assembly: base types, interfaces,
/// the signatures of fields, methods and properties, generic constraints, custom attributes, and every type, method
/// and field a method body names (locals included). Compiler-generated types (lambdas, iterators) count as the type
/// that declares them. A reference is kept only between namespaces the caller asks about.
/// </summary>
internal sealed class FolderDependencyGraph
{
    private readonly SortedDictionary<string, SortedDictionary<string, SortedSet<string>>> _edges = new(StringComparer.Ordinal);

    private FolderDependencyGraph()
    {
    }

    /// <summary>Every folder seen, including those that use nothing and that nothing uses.</summary>
    public SortedSet<string> Folders { get; } = new(StringComparer.Ordinal);

    /// <summary>The folders <paramref name="folder"/> uses.</summary>
    public IEnumerable<string> Uses(string folder) => _edges.TryGetValue(folder, out var targets) ? targets.Keys : [];

    /// <summary>Which types of <paramref name="from"/> use which types of <paramref name="to"/>, as <c>A → B</c>.</summary>
    public IEnumerable<string> Why(string from, string to)
        => _edges.TryGetValue(from, out var targets) && targets.TryGetValue(to, out var why) ? why : [];

    /// <summary>
    /// Reads the assembly at <paramref name="path"/>. <paramref name="folderOf"/> maps a namespace to its folder name, or
    /// null to leave the namespace out of the graph.
    /// </summary>
    public static FolderDependencyGraph Read(string path, Func<string, string?> folderOf)
    {
        var graph = new FolderDependencyGraph();
        using var stream = File.OpenRead(path);
        using var pe = new PEReader(stream);
        var reader = pe.GetMetadataReader();
        var scan = new Scan(reader, pe, folderOf, graph);
        foreach (var handle in reader.TypeDefinitions)
        {
            scan.Type(handle);
        }

        return graph;
    }

    /// <summary>
    /// The cycles: every group of two or more folders that reach one another, each as its folders (sorted) and one closed
    /// path through the group, shortest from its first folder.
    /// </summary>
    public IReadOnlyList<(IReadOnlyList<string> Folders, IReadOnlyList<string> Path)> Cycles()
        => StronglyConnected()
            .Where(static c => c.Count > 1)
            .Select(c => ((IReadOnlyList<string>)c.Order(StringComparer.Ordinal).ToList(), (IReadOnlyList<string>)ClosedPath(c)))
            .OrderBy(static c => c.Item1[0], StringComparer.Ordinal)
            .ToList();

    /// <summary>Every pair of folders that use each other directly, as <c>A ⇄ B</c>.</summary>
    public IEnumerable<string> TwoWay()
        => Folders.SelectMany(a => Uses(a).Where(b => string.CompareOrdinal(a, b) < 0 && Uses(b).Contains(a)).Select(b => $"{a} ⇄ {b}"));

    /// <summary>The graph, one line per folder: <c>Folder → A, B</c>.</summary>
    public IEnumerable<string> Lines()
        => Folders.Select(f => Uses(f).Any() ? $"{f} → {string.Join(", ", Uses(f))}" : $"{f} → (nothing)");

    private void Add(string from, string to, string why)
    {
        if (!_edges.TryGetValue(from, out var targets))
        {
            targets = new(StringComparer.Ordinal);
            _edges[from] = targets;
        }

        if (!targets.TryGetValue(to, out var reasons))
        {
            reasons = new(StringComparer.Ordinal);
            targets[to] = reasons;
        }

        reasons.Add(why);
    }

    // Tarjan's algorithm over the folders.
    private List<List<string>> StronglyConnected()
    {
        var index = new Dictionary<string, int>(StringComparer.Ordinal);
        var low = new Dictionary<string, int>(StringComparer.Ordinal);
        var stack = new Stack<string>();
        var onStack = new HashSet<string>(StringComparer.Ordinal);
        var components = new List<List<string>>();

        void Visit(string folder)
        {
            index[folder] = low[folder] = index.Count;
            stack.Push(folder);
            onStack.Add(folder);
            foreach (var next in Uses(folder))
            {
                if (!index.TryGetValue(next, out var nextIndex))
                {
                    Visit(next);
                    low[folder] = Math.Min(low[folder], low[next]);
                }
                else if (onStack.Contains(next))
                {
                    low[folder] = Math.Min(low[folder], nextIndex);
                }
            }

            if (low[folder] == index[folder])
            {
                var component = new List<string>();
                string member;
                do
                {
                    member = stack.Pop();
                    onStack.Remove(member);
                    component.Add(member);
                }
                while (member != folder);
                components.Add(component);
            }
        }

        foreach (var folder in Folders.Where(f => !index.ContainsKey(f)))
        {
            Visit(folder);
        }

        return components;
    }

    // A shortest path from the component's first folder back to itself, staying inside the component.
    private List<string> ClosedPath(List<string> component)
    {
        var members = component.ToHashSet(StringComparer.Ordinal);
        var start = component.Min(StringComparer.Ordinal)!;
        var previous = new Dictionary<string, string>(StringComparer.Ordinal);
        var queue = new Queue<string>([start]);
        while (queue.Count > 0)
        {
            var folder = queue.Dequeue();
            foreach (var next in Uses(folder).Where(members.Contains))
            {
                if (next == start)
                {
                    var path = new List<string> { start };
                    for (var at = folder; at != start; at = previous[at])
                    {
                        path.Insert(1, at);
                    }

                    path.Add(start);
                    return path;
                }

                if (previous.TryAdd(next, folder))
                {
                    queue.Enqueue(next);
                }
            }
        }

        return [.. component, start];
    }

    private sealed class Scan(MetadataReader reader, PEReader pe, Func<string, string?> folderOf, FolderDependencyGraph graph)
    {
        private static readonly Dictionary<short, OperandType> Operands = typeof(OpCodes)
            .GetFields(BindingFlags.Public | BindingFlags.Static)
            .Select(static f => (OpCode)f.GetValue(null)!)
            .ToDictionary(static o => o.Value, static o => o.OperandType);

        private readonly Signatures _signatures = new(reader);

        public void Type(TypeDefinitionHandle handle)
        {
            var type = reader.GetTypeDefinition(handle);
            var from = FolderOf(handle);
            if (from is null)
            {
                return;
            }

            graph.Folders.Add(from);
            var name = Name(handle);
            void Uses(IEnumerable<TypeDefinitionHandle> targets)
            {
                foreach (var target in targets)
                {
                    if (FolderOf(target) is { } to && to != from)
                    {
                        graph.Folders.Add(to);
                        graph.Add(from, to, $"{name} → {Name(target)}");
                    }
                }
            }

            Uses(Entity(type.BaseType));
            foreach (var implementation in type.GetInterfaceImplementations())
            {
                Uses(Entity(reader.GetInterfaceImplementation(implementation).Interface));
            }

            Uses(Attributes(type.GetCustomAttributes()));
            Uses(GenericConstraints(type.GetGenericParameters()));
            foreach (var fieldHandle in type.GetFields())
            {
                var field = reader.GetFieldDefinition(fieldHandle);
                Uses(field.DecodeSignature(_signatures, null));
                Uses(Attributes(field.GetCustomAttributes()));
            }

            foreach (var propertyHandle in type.GetProperties())
            {
                var property = reader.GetPropertyDefinition(propertyHandle);
                Uses(Method(property.DecodeSignature(_signatures, null)));
                Uses(Attributes(property.GetCustomAttributes()));
            }

            foreach (var methodHandle in type.GetMethods())
            {
                var method = reader.GetMethodDefinition(methodHandle);
                Uses(Method(method.DecodeSignature(_signatures, null)));
                Uses(Attributes(method.GetCustomAttributes()));
                Uses(GenericConstraints(method.GetGenericParameters()));
                foreach (var parameter in method.GetParameters())
                {
                    Uses(Attributes(reader.GetParameter(parameter).GetCustomAttributes()));
                }

                if (method.RelativeVirtualAddress != 0)
                {
                    Uses(Body(pe.GetMethodBody(method.RelativeVirtualAddress)));
                }
            }
        }

        private string? FolderOf(TypeDefinitionHandle handle)
        {
            var type = reader.GetTypeDefinition(handle);
            while (type.IsNested)
            {
                type = reader.GetTypeDefinition(type.GetDeclaringType());
            }

            return folderOf(reader.GetString(type.Namespace));
        }

        private string Name(TypeDefinitionHandle handle)
        {
            var type = reader.GetTypeDefinition(handle);
            var name = reader.GetString(type.Name);
            return type.IsNested ? $"{Name(type.GetDeclaringType())}.{name}" : name;
        }

        private IEnumerable<TypeDefinitionHandle> Body(MethodBodyBlock body)
        {
            if (!body.LocalSignature.IsNil)
            {
                foreach (var local in reader.GetStandaloneSignature(body.LocalSignature).DecodeLocalSignature(_signatures, null))
                {
                    foreach (var target in local)
                    {
                        yield return target;
                    }
                }
            }

            var il = body.GetILReader();
            while (il.RemainingBytes > 0)
            {
                short value = il.ReadByte();
                if (value == 0xFE)
                {
                    value = unchecked((short)(0xFE00 | il.ReadByte()));
                }

                switch (Operands[value])
                {
                    case OperandType.InlineField or OperandType.InlineMethod or OperandType.InlineTok or OperandType.InlineType or OperandType.InlineSig:
                        foreach (var target in Entity(MetadataTokens.EntityHandle(il.ReadInt32())))
                        {
                            yield return target;
                        }

                        break;
                    case OperandType.InlineSwitch:
                        var targets = il.ReadInt32();
                        il.Offset += 4 * targets;
                        break;
                    case OperandType.InlineI8 or OperandType.InlineR:
                        il.Offset += 8;
                        break;
                    case OperandType.InlineBrTarget or OperandType.InlineI or OperandType.InlineString or OperandType.ShortInlineR:
                        il.Offset += 4;
                        break;
                    case OperandType.InlineVar:
                        il.Offset += 2;
                        break;
                    case OperandType.ShortInlineBrTarget or OperandType.ShortInlineI or OperandType.ShortInlineVar:
                        il.Offset += 1;
                        break;
                }
            }
        }

        private IEnumerable<TypeDefinitionHandle> Entity(EntityHandle handle)
        {
            if (handle.IsNil)
            {
                return [];
            }

            switch (handle.Kind)
            {
                case HandleKind.TypeDefinition:
                    return [(TypeDefinitionHandle)handle];
                case HandleKind.TypeSpecification:
                    return reader.GetTypeSpecification((TypeSpecificationHandle)handle).DecodeSignature(_signatures, null);
                case HandleKind.MethodDefinition:
                    var method = reader.GetMethodDefinition((MethodDefinitionHandle)handle);
                    return [method.GetDeclaringType(), .. Method(method.DecodeSignature(_signatures, null))];
                case HandleKind.FieldDefinition:
                    var field = reader.GetFieldDefinition((FieldDefinitionHandle)handle);
                    return [field.GetDeclaringType(), .. field.DecodeSignature(_signatures, null)];
                case HandleKind.MemberReference:
                    var member = reader.GetMemberReference((MemberReferenceHandle)handle);
                    var parent = Entity(member.Parent);
                    return member.GetKind() == MemberReferenceKind.Method
                        ? [.. parent, .. Method(member.DecodeMethodSignature(_signatures, null))]
                        : [.. parent, .. member.DecodeFieldSignature(_signatures, null)];
                case HandleKind.MethodSpecification:
                    var specification = reader.GetMethodSpecification((MethodSpecificationHandle)handle);
                    return [.. Entity(specification.Method), .. specification.DecodeSignature(_signatures, null).SelectMany(static t => t)];
                case HandleKind.StandaloneSignature:
                    var signature = reader.GetStandaloneSignature((StandaloneSignatureHandle)handle);
                    return signature.GetKind() == StandaloneSignatureKind.Method
                        ? Method(signature.DecodeMethodSignature(_signatures, null))
                        : signature.DecodeLocalSignature(_signatures, null).SelectMany(static t => t);
                default:
                    return [];
            }
        }

        private IEnumerable<TypeDefinitionHandle> Attributes(CustomAttributeHandleCollection attributes)
            => attributes.SelectMany(a => Entity(reader.GetCustomAttribute(a).Constructor));

        private IEnumerable<TypeDefinitionHandle> GenericConstraints(GenericParameterHandleCollection parameters)
            => parameters.SelectMany(p => reader.GetGenericParameter(p).GetConstraints())
                .SelectMany(c => Entity(reader.GetGenericParameterConstraint(c).Type));

        private static IEnumerable<TypeDefinitionHandle> Method(MethodSignature<ImmutableArray<TypeDefinitionHandle>> signature)
            => signature.ReturnType.Concat(signature.ParameterTypes.SelectMany(static p => p));
    }

    // Decodes a signature into the types of this assembly it names.
    private sealed class Signatures(MetadataReader reader) : ISignatureTypeProvider<ImmutableArray<TypeDefinitionHandle>, object?>
    {
        public ImmutableArray<TypeDefinitionHandle> GetTypeFromDefinition(MetadataReader _, TypeDefinitionHandle handle, byte rawTypeKind) => [handle];

        public ImmutableArray<TypeDefinitionHandle> GetTypeFromReference(MetadataReader _, TypeReferenceHandle handle, byte rawTypeKind) => [];

        public ImmutableArray<TypeDefinitionHandle> GetTypeFromSpecification(MetadataReader _, object? context, TypeSpecificationHandle handle, byte rawTypeKind)
            => reader.GetTypeSpecification(handle).DecodeSignature(this, context);

        public ImmutableArray<TypeDefinitionHandle> GetPrimitiveType(PrimitiveTypeCode typeCode) => [];

        public ImmutableArray<TypeDefinitionHandle> GetSZArrayType(ImmutableArray<TypeDefinitionHandle> elementType) => elementType;

        public ImmutableArray<TypeDefinitionHandle> GetArrayType(ImmutableArray<TypeDefinitionHandle> elementType, ArrayShape shape) => elementType;

        public ImmutableArray<TypeDefinitionHandle> GetPointerType(ImmutableArray<TypeDefinitionHandle> elementType) => elementType;

        public ImmutableArray<TypeDefinitionHandle> GetByReferenceType(ImmutableArray<TypeDefinitionHandle> elementType) => elementType;

        public ImmutableArray<TypeDefinitionHandle> GetPinnedType(ImmutableArray<TypeDefinitionHandle> elementType) => elementType;

        public ImmutableArray<TypeDefinitionHandle> GetGenericInstantiation(ImmutableArray<TypeDefinitionHandle> genericType, ImmutableArray<ImmutableArray<TypeDefinitionHandle>> typeArguments)
            => [.. genericType, .. typeArguments.SelectMany(static t => t)];

        public ImmutableArray<TypeDefinitionHandle> GetGenericMethodParameter(object? context, int index) => [];

        public ImmutableArray<TypeDefinitionHandle> GetGenericTypeParameter(object? context, int index) => [];

        public ImmutableArray<TypeDefinitionHandle> GetFunctionPointerType(MethodSignature<ImmutableArray<TypeDefinitionHandle>> signature)
            => [.. signature.ReturnType, .. signature.ParameterTypes.SelectMany(static p => p)];

        public ImmutableArray<TypeDefinitionHandle> GetModifiedType(ImmutableArray<TypeDefinitionHandle> modifier, ImmutableArray<TypeDefinitionHandle> unmodifiedType, bool isRequired)
            => [.. modifier, .. unmodifiedType];
    }
}
