using RulesMesh.Generators.Tests.Infrastructure;

namespace RulesMesh.Generators.Tests.Rules;

/// <summary>
/// The generated pipeline for a small rule set, compared with approved files under Snapshots/rule_pipelines. The set is
/// compiled against the rule API alone (no built-in rules), so the snapshot shows only what it declares.
/// To accept a change, run the tests with RULESMESH_UPDATE_SNAPSHOTS=1 and review the diff of the approved files.
/// </summary>
public sealed class RulePipelineSnapshotTests
{
    private static readonly bool Update = Environment.GetEnvironmentVariable("RULESMESH_UPDATE_SNAPSHOTS") == "1";

    // Two profiles, a replacement, an AppliesTo filter, and one contract of each kind: a verdict, a first non-null, a
    // void one, and a generic one dispatched by the object's runtime type.
    private const string Shop = """
        using System.Collections.Generic;
        using k8s;
        using k8s.Models;
        using RulesMesh.Mesh;
        using RulesMesh.Rules;

        namespace Shop;

        [RulePipelines(DefaultProfile = "standard")]
        public static partial class ShopPipelines;

        public sealed class ShopContext : ITracedContext
        {
            public RuleTrail? Trail { get; init; }
        }

        public sealed record Parcel(ObjectKey Key, IReadOnlyDictionary<string, string> Labels, IReadOnlyDictionary<string, string> Annotations) : IRuleSubject
        {
            public List<string> Stamps { get; } = [];
        }

        public readonly record struct Admission(bool Refused, string Reason) : IRuleVerdict
        {
            public bool Decides => Refused;

            public string Outcome => Refused ? "Refused" : "Accepted";
        }

        [StageContract(RuleStage.Capture)]
        public interface IAdmissionRule
        {
            Admission Admit(Parcel parcel, ShopContext context);
        }

        [StageContract(RuleStage.Naming)]
        public interface ILabelRule
        {
            string? Label(Parcel parcel, ShopContext context);
        }

        [StageContract(RuleStage.Policy)]
        public interface IStampRule
        {
            void Stamp(Parcel parcel, ShopContext context);
        }

        [StageContract(RuleStage.ServiceModel)]
        public interface IParcelModelRule<in TResource>
            where TResource : IKubernetesObject<V1ObjectMeta>
        {
            Parcel? Model(TResource resource, ShopContext context);
        }

        [Rule("shop.admission.weight", Description = "Parcels labelled heavy are refused.")]
        [AppliesTo("shop.example.com", "Parcel", Label = "heavy")]
        public sealed class HeavyParcels : IAdmissionRule
        {
            public Admission Admit(Parcel parcel, ShopContext context) => new(true, "it is heavy");
        }

        [Rule("shop.admission.open", After = "shop.admission.weight")]
        public sealed class OpenForBusiness : IAdmissionRule
        {
            public Admission Admit(Parcel parcel, ShopContext context) => new(false, "the shop is open");
        }

        [Rule("shop.label.plain", Order = 10)]
        public sealed class PlainLabel : ILabelRule
        {
            public string? Label(Parcel parcel, ShopContext context) => parcel.Key.Name;
        }

        [Rule("shop.label.express", Order = 10, Profile = "express", Replaces = "shop.label.plain")]
        public sealed class ExpressLabel : ILabelRule
        {
            public string? Label(Parcel parcel, ShopContext context) => "EXPRESS " + parcel.Key.Name;
        }

        [Rule("shop.stamp.date", Order = 1)]
        public sealed class DateStamp : IStampRule
        {
            public void Stamp(Parcel parcel, ShopContext context) => parcel.Stamps.Add("dated");
        }

        [Rule("shop.stamp.priority", Order = 2, Profile = "express")]
        public sealed class PriorityStamp : IStampRule
        {
            public void Stamp(Parcel parcel, ShopContext context) => parcel.Stamps.Add("priority");
        }

        [Rule("shop.model.config-map")]
        [AppliesTo("", "ConfigMap")]
        public sealed class ConfigMapParcel : IParcelModelRule<V1ConfigMap>
        {
            public Parcel? Model(V1ConfigMap resource, ShopContext context)
                => new(new ObjectKey("", "ConfigMap", resource.Metadata.NamespaceProperty, resource.Metadata.Name), new Dictionary<string, string>(), new Dictionary<string, string>());
        }
        """;

    [Fact]
    public void The_rule_api_compiles_without_any_stage_or_built_in_rule()
    {
        // The harness compiles src/RulesMesh/Rules on its own and throws when that fails.
        var result = RuleApiHarness.Run("namespace Empty { public sealed class Nothing { } }");

        Assert.Empty(result.CompileErrors);
        Assert.Empty(result.Run.Results.Single().GeneratedSources);
    }

    // Every convention's rules written as explicit interface implementations, and a decorator so written: the pipeline
    // holds and calls each as its contract (the dispatched one through its helper, as always).
    private const string Post = """
        using System.Collections.Generic;
        using k8s;
        using k8s.Models;
        using RulesMesh.Mesh;
        using RulesMesh.Rules;

        namespace Post;

        [RulePipelines]
        public static partial class PostPipelines;

        public sealed class PostContext : ITracedContext
        {
            public RuleTrail? Trail { get; init; }
        }

        public sealed record Letter(ObjectKey Key, IReadOnlyDictionary<string, string> Labels, IReadOnlyDictionary<string, string> Annotations) : IRuleSubject
        {
            public List<string> Stamps { get; } = [];
        }

        public readonly record struct Delivery(bool Refused, string Reason) : IRuleVerdict
        {
            public bool Decides => Refused;

            public string Outcome => Refused ? "Refused" : "Accepted";
        }

        [StageContract(RuleStage.Capture)]
        public interface IDeliveryRule
        {
            Delivery Deliver(Letter letter, PostContext context);
        }

        [StageContract(RuleStage.Naming)]
        public interface IAddressRule
        {
            string? Address(Letter letter, PostContext context);
        }

        [StageContract(RuleStage.Policy)]
        public interface IPostmarkRule
        {
            void Postmark(Letter letter, PostContext context);
        }

        [StageContract(RuleStage.ServiceModel)]
        public interface ILetterModelRule<in TResource>
            where TResource : IKubernetesObject<V1ObjectMeta>
        {
            Letter? Model(TResource resource, PostContext context);
        }

        [Rule("post.delivery.unsigned")]
        public sealed class UnsignedLetters : IDeliveryRule
        {
            Delivery IDeliveryRule.Deliver(Letter letter, PostContext context) => new(!letter.Labels.ContainsKey("signed"), "it is unsigned");
        }

        [Rule("post.address.plain")]
        public sealed class PlainAddress : IAddressRule
        {
            string? IAddressRule.Address(Letter letter, PostContext context) => letter.Key.Name;
        }

        [Rule("post.address.upper", Decorates = "post.address.plain")]
        public sealed class UpperAddress : RuleDecorator<IAddressRule>, IAddressRule
        {
            string? IAddressRule.Address(Letter letter, PostContext context) => Decorated.Address(letter, context)?.ToUpperInvariant();
        }

        [Rule("post.postmark.date")]
        public sealed class DatePostmark : IPostmarkRule
        {
            void IPostmarkRule.Postmark(Letter letter, PostContext context) => letter.Stamps.Add("dated");
        }

        [Rule("post.model.config-map")]
        public sealed class ConfigMapLetter : ILetterModelRule<V1ConfigMap>
        {
            Letter? ILetterModelRule<V1ConfigMap>.Model(V1ConfigMap resource, PostContext context)
                => new(new ObjectKey("", "ConfigMap", resource.Metadata.NamespaceProperty, resource.Metadata.Name), new Dictionary<string, string>(), new Dictionary<string, string>());
        }
        """;

    [Fact]
    public void Generated_pipeline_matches_the_approved_snapshot() => AssertMatchesSnapshot(Shop, "rule_pipelines");

    [Fact]
    public void Rules_implementing_their_contract_explicitly_are_held_and_called_as_the_contract()
        => AssertMatchesSnapshot(Post, "rule_pipelines_explicit");

    private static void AssertMatchesSnapshot(string source, string snapshots)
    {
        var result = RuleApiHarness.Run(source);
        Assert.Empty(result.CompileErrors.Select(e => e.ToString()));
        Assert.Empty(result.GeneratorDiagnostics);

        var folder = RepositoryPaths.TestData("Snapshots", snapshots);
        var mismatches = new List<string>();
        foreach (var generated in result.Run.Results.Single().GeneratedSources)
        {
            var approvedPath = Path.Combine(folder, generated.HintName.Replace(".g.cs", ".approved.cs"));
            var actual = generated.SourceText.ToString();
            if (Update)
            {
                Directory.CreateDirectory(folder);
                File.WriteAllText(approvedPath, actual);
            }
            else if (!File.Exists(approvedPath) || File.ReadAllText(approvedPath) != actual)
            {
                File.WriteAllText(approvedPath.Replace(".approved.cs", ".received.cs"), actual);
                mismatches.Add(generated.HintName);
            }
        }

        Assert.True(mismatches.Count == 0, $"Generated source differs from the approved snapshot for {string.Join(", ", mismatches)}. See the .received.cs files in {folder}; rerun with RULESMESH_UPDATE_SNAPSHOTS=1 to approve.");
    }
}
