using RulesMesh.Translation.Backends;
using static RulesMesh.Tests.Translation.Backends.BackendsHarness;

namespace RulesMesh.Tests.Translation;

/// <summary>A translation's indexes belong to that translation: built once, on first use, and shared by its rules only.</summary>
public sealed class TranslationContextTests
{
    private const string Mesh = """
        apiVersion: v1
        kind: Service
        metadata: { name: reviews, namespace: shop }
        spec:
          clusterIP: 10.0.0.7
          ports:
          - { name: http, port: 9080 }
        """;

    private sealed class Counted(int build)
    {
        public int Build { get; } = build;
    }

    [Fact]
    public void An_index_is_built_once_per_translation_and_every_rule_of_it_gets_the_same_one()
    {
        var context = Context(Mesh);
        var builds = 0;

        var first = context.Index(_ => new Counted(++builds));
        var second = context.Index(_ => new Counted(++builds));

        Assert.Same(first, second);
        Assert.Equal(1, builds);
    }

    [Fact]
    public void Another_translation_builds_its_own_index()
    {
        var builds = 0;

        var first = Context(Mesh).Index(_ => new Counted(++builds));
        var second = Context(Mesh).Index(_ => new Counted(++builds));

        Assert.NotSame(first, second);
        Assert.Equal((1, 2), (first.Build, second.Build));
    }

    [Fact]
    public void The_backends_stage_runs_once_per_translation_and_its_index_is_shared()
    {
        var context = Context(Mesh);

        Assert.Same(BackendIndex.For(context), BackendIndex.For(context));
        Assert.Equal(["kube_shop_reviews_9080"], BackendIndex.For(context).All.Select(static b => b.ClusterName));
        Assert.NotSame(BackendIndex.For(context), BackendIndex.For(Context(Mesh)));
    }
}
