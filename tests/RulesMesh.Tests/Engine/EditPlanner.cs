using k8s;
using k8s.Models;
using RulesMesh.Engine;

namespace RulesMesh.Tests.Engine;

/// <summary>
/// Reads a <see cref="MeshEdit"/> against the objects present: which object it touches, what it writes, as the
/// engine changes to apply. Every object it produces went through the loader (a refused edit is skipped, with the
/// loader's reason).
/// </summary>
internal sealed class EditPlanner(ManifestObjects manifests)
{
    /// <summary>The operations every kind has before its own mutations.</summary>
    public const int CommonOperations = 3;

    /// <summary>The steps of <paramref name="edit"/> on <paramref name="objects"/>; a later step may rely on the earlier ones applied.</summary>
    public IReadOnlyList<EditStep> Plan(MeshEdit edit, ObjectSet objects)
    {
        var context = new EditContext(objects, edit.Value);
        return edit.Target switch
        {
            EditTarget.Restore => Restore(edit, objects),
            EditTarget.NoChange => NoChange(edit, objects, context),
            _ => OnKind(edit, objects, context),
        };
    }

    private IReadOnlyList<EditStep> OnKind(MeshEdit edit, ObjectSet objects, EditContext context)
    {
        var kind = KindOf(edit.Target);
        var present = objects.OfKind(kind);
        var mutations = KindMutations.For(edit.Target);
        var operation = edit.Operation % (CommonOperations + mutations.Count);
        if (present.Count == 0 || operation == 1)
        {
            return [Create(edit, present, context)];
        }

        var target = present[edit.Pick % present.Count];
        var key = objects.KeyOf(target);
        switch (operation)
        {
            case 0:
                return [new EditStep([new ResourceChange.Delete(key)], $"delete {key}", false)];
            case 2:
                return
                [
                    new EditStep([new ResourceChange.Delete(key)], $"delete {key} (to recreate it)", false),
                    new EditStep([new ResourceChange.Upsert(manifests.Clone(target))], $"recreate {key} as it was", false),
                ];
            default:
                return [Mutate(target, key, mutations[operation - CommonOperations], context)];
        }
    }

    private EditStep Mutate(IKubernetesObject<V1ObjectMeta> target, ResourceKey key, Mutation mutation, EditContext context)
    {
        var manifest = ManifestObjects.ToJson(target);
        if (mutation.Apply(manifest, context) is not { } what)
        {
            return EditStep.Skipped($"{key} has no {mutation.Name} to change");
        }

        var (changed, refusal) = manifests.Load(manifest);
        return changed is null
            ? EditStep.Skipped($"the loader refused {key} with {what}: {refusal}")
            : new EditStep([new ResourceChange.Upsert(changed)], $"update {key}: {what}", false);
    }

    // Half the time a new object from the template, else a copy of one present under a new name.
    private EditStep Create(MeshEdit edit, IReadOnlyList<IKubernetesObject<V1ObjectMeta>> present, EditContext context)
    {
        var manifest = present.Count == 0 || edit.Value % 2 == 0 ? ManifestTemplates.For(edit.Target, context) : CopyOf(present[edit.Pick % present.Count], edit.Value);
        var (created, refusal) = manifests.Load(manifest);
        return created is null
            ? EditStep.Skipped($"the loader refused the new {manifest["kind"]} {manifest["metadata"]?["name"]}: {refusal}")
            : new EditStep([new ResourceChange.Upsert(created)], $"create {context.Objects.KeyOf(created)}: {manifest.ToJsonString()}", false);
    }

    private static System.Text.Json.Nodes.JsonObject CopyOf(IKubernetesObject<V1ObjectMeta> original, int value)
    {
        var manifest = ManifestObjects.ToJson(original);
        var metadata = JsonEdit.Object(manifest, "metadata");
        metadata["name"] = $"{original.Metadata.Name}-copy{value % 3}";
        metadata.Remove("uid");
        return manifest;
    }

    private IReadOnlyList<EditStep> Restore(MeshEdit edit, ObjectSet objects)
    {
        if (objects.Deleted.Count == 0)
        {
            return [EditStep.Skipped("nothing deleted to restore")];
        }

        var restored = objects.Deleted[edit.Pick % objects.Deleted.Count];
        return [new EditStep([new ResourceChange.Upsert(manifests.Clone(restored))], $"restore {objects.KeyOf(restored)} as it was deleted", false)];
    }

    // Edits translation cannot see: the same object again, an annotation nothing reads, deleting what is not there,
    // a change undone in the same batch, every object again (an informer's resync), an empty batch.
    private IReadOnlyList<EditStep> NoChange(MeshEdit edit, ObjectSet objects, EditContext context)
    {
        var all = objects.Objects.ToList();
        if (all.Count == 0)
        {
            return [new EditStep([new ResourceChange.Delete(new ResourceKey(string.Empty, "ConfigMap", "nowhere", "nothing"))], "delete ConfigMap nowhere/nothing, which does not exist", true)];
        }

        var target = all[edit.Pick % all.Count];
        var key = objects.KeyOf(target);
        switch (edit.Operation % 6)
        {
            case 0:
                return [new EditStep([new ResourceChange.Upsert(manifests.Clone(target))], $"upsert {key} unchanged", true)];
            case 1:
                var annotated = ManifestObjects.ToJson(target);
                var what = JsonEdit.Set(JsonEdit.Object(JsonEdit.Object(annotated, "metadata"), "annotations"), "example.com/touched", context.Number, "annotations[example.com/touched]");
                return [new EditStep([new ResourceChange.Upsert(manifests.Load(annotated).Object ?? throw new InvalidOperationException($"The loader refused {key} with an annotation."))], $"update {key}: {what} (an annotation nothing reads)", true)];
            case 2:
                return [new EditStep([new ResourceChange.Delete(key with { Name = key.Name + "-absent" })], $"delete {key}-absent, which does not exist", true)];
            case 3:
                var mutable = all.Where(o => KindMutations.For(TargetOf(o.Kind)).Count > 0).ToList();
                if (mutable.Count == 0)
                {
                    return [EditStep.Skipped("no object to change and change back")];
                }

                var original = mutable[edit.Pick % mutable.Count];
                var mutations = KindMutations.For(TargetOf(original.Kind));
                var step = Mutate(original, objects.KeyOf(original), mutations[edit.Value % mutations.Count], context);
                return step.IsSkipped
                    ? [step]
                    : [new EditStep([step.Changes[0], new ResourceChange.Upsert(manifests.Clone(original))], $"{step.Description}, then undo it in the same batch", true)];
            case 4:
                return [new EditStep([.. all.Select(o => new ResourceChange.Upsert(manifests.Clone(o)))], $"upsert all {all.Count} objects unchanged (a resync)", true)];
            default:
                return [new EditStep([], "an empty batch", true)];
        }
    }

    private static EditTarget TargetOf(string kind)
        => Enum.GetValues<EditTarget>().FirstOrDefault(t => KindOf(t) == kind, EditTarget.NoChange);

    private static string KindOf(EditTarget target) => target switch
    {
        EditTarget.HttpRoute => "HTTPRoute",
        EditTarget.GrpcRoute => "GRPCRoute",
        EditTarget.BackendTlsPolicy => "BackendTLSPolicy",
        _ => target.ToString(),
    };
}
