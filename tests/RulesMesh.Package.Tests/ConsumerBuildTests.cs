using RulesMesh.Package.Tests.Infrastructure;

namespace RulesMesh.Package.Tests;

/// <summary>Fresh projects outside the repository consume the packed RulesMesh package the way users will.</summary>
[Collection(PackageCollection.Name)]
public sealed class ConsumerBuildTests(PackedPackageFixture package, ITestOutputHelper output)
{
    private const string DirectProgram = """
        using System.Text.Json;
        using Consumer.Models.ExampleCom.V1;
        using RulesMesh.Models.NetworkingIstioIo.V1;

        // A model that ships in RulesMesh.dll.
        var serviceEntry = new ServiceEntry { Spec = new ServiceEntrySpec { Hosts = ["api.example.com"] } };
        serviceEntry.Metadata.Name = "external-api";
        Console.WriteLine($"rulesmesh-model: {ServiceEntry.KubeApiVersion}|{serviceEntry.Kind}|{serviceEntry.Metadata.Name}|{typeof(ServiceEntry).Assembly.GetName().Name}");
        Console.WriteLine($"rulesmesh-catalog-has-serviceentry: {RulesMesh.Models.GeneratedModels.All.Any(m => m.ClrType == typeof(ServiceEntry))}");

        // A model generated in this build from crds/widgets.yaml.
        const string json = "{\"apiVersion\":\"example.com/v1\",\"kind\":\"Widget\",\"metadata\":{\"name\":\"w1\"},\"spec\":{\"displayName\":\"gear\",\"replicas\":3,\"color\":\"Blue\",\"labels\":{\"tier\":\"gold\"}}}";
        var widget = JsonSerializer.Deserialize<Widget>(json) ?? throw new InvalidOperationException("no widget");
        var spec = widget.Spec ?? throw new InvalidOperationException("no spec");
        int replicas = spec.Replicas;
        WidgetColor color = spec.Color;
        Console.WriteLine($"consumer-model: {Widget.KubeApiVersion}|{widget.Metadata.Name}|{spec.DisplayName}|{replicas}|{color.Value}|{color.IsKnown}|{color == WidgetColor.Blue}|{spec.Labels?["tier"]}|{typeof(Widget).Assembly.GetName().Name}");
        Console.WriteLine($"consumer-roundtrip: {JsonSerializer.Serialize(widget.Spec)}");

        foreach (var model in Consumer.Models.GeneratedModels.All)
        {
            Console.WriteLine($"consumer-catalog: {model.ApiVersion}|{model.Kind}|{model.ClrType.FullName}");
        }

        // The loader's default registry finds this assembly's catalog through its [ModelCatalog]: no registration code.
        var loaded = new RulesMesh.Loading.ManifestLoader().LoadText("apiVersion: example.com/v1\nkind: Widget\nmetadata:\n  name: w2\n  namespace: default\nspec:\n  displayName: cog\n  replicas: 1\n  color: Red\n", "widget.yaml");
        Console.WriteLine($"consumer-load: {loaded.Resources.Count}|{loaded.Diagnostics.Count}|{string.Join(",", loaded.Resources.Select(r => r.Object.GetType().FullName))}");

        // Nothing of RulesMesh's own kinds may be generated a second time into this assembly.
        var foreign = typeof(Widget).Assembly.GetTypes().Count(t => t.Namespace is { } ns && ns.StartsWith("Consumer.Models.", StringComparison.Ordinal) && ns != "Consumer.Models.ExampleCom.V1");
        Console.WriteLine($"consumer-foreign-model-types: {foreign}");
        """;

    [Fact]
    public void Direct_consumer_builds_warning_free_and_uses_RulesMesh_models_and_its_own_generated_Widget()
    {
        package.AssertPacked();
        var directory = package.NewConsumerDirectory("Consumer");
        Directory.CreateDirectory(Path.Combine(directory, "crds"));
        File.WriteAllText(Path.Combine(directory, "crds", "widgets.yaml"), ConsumerProject.WidgetCrd);
        File.WriteAllText(Path.Combine(directory, "Program.cs"), DirectProgram);
        var sarif = ConsumerProject.WriteProject(directory, "Consumer", $"""
            <Project Sdk="Microsoft.NET.Sdk">
              <PropertyGroup>
                <OutputType>Exe</OutputType>
                <RootNamespace>Consumer</RootNamespace>
            {ConsumerProject.CommonProperties}
              </PropertyGroup>
              <ItemGroup>
                <PackageReference Include="RulesMesh" Version="{package.Version}" />
                <RulesMeshCrd Include="crds/*.yaml" />
              </ItemGroup>
            </Project>
            """);

        var build = ConsumerProject.Build(Path.Combine(directory, "Consumer.csproj"));
        output.WriteLine($"build: {build.Duration.TotalSeconds:F1}s");
        ConsumerProject.AssertCleanBuild(build);
        ConsumerProject.AssertSarif(sarif, build);

        var run = ConsumerProject.Run(Path.Combine(directory, "bin", "Debug", "net10.0", "Consumer.dll"));
        output.WriteLine(run.StandardOutput);
        var details = run.Describe() + Environment.NewLine + build.Describe();
        Assert.True(run.ExitCode == 0, "The consumer failed." + Environment.NewLine + details);
        Assert.Equal(["networking.istio.io/v1|ServiceEntry|external-api|RulesMesh"], ConsumerProject.Lines(run, "rulesmesh-model: "));
        Assert.Equal(["True"], ConsumerProject.Lines(run, "rulesmesh-catalog-has-serviceentry: "));
        Assert.Equal(["example.com/v1|w1|gear|3|Blue|True|True|gold|Consumer"], ConsumerProject.Lines(run, "consumer-model: "));
        Assert.Equal(["""{"displayName":"gear","replicas":3,"color":"Blue","labels":{"tier":"gold"}}"""], ConsumerProject.Lines(run, "consumer-roundtrip: "));
        Assert.Equal(["example.com/v1|Widget|Consumer.Models.ExampleCom.V1.Widget"], ConsumerProject.Lines(run, "consumer-catalog: "));
        Assert.Equal(["1|0|Consumer.Models.ExampleCom.V1.Widget"], ConsumerProject.Lines(run, "consumer-load: "));
        Assert.Equal(["0"], ConsumerProject.Lines(run, "consumer-foreign-model-types: "));
    }

    private const string RegeneratingProgram = """
        using RulesMesh.Loading;

        // Copies of RulesMesh's ServiceEntry, generated from this project's CRD, listed apart from All.
        Console.WriteLine($"regenerated: {Consumer.Models.GeneratedModels.All.Count}|{string.Join(",", Consumer.Models.GeneratedModels.Regenerated.Select(m => m.ApiVersion))}|{typeof(Consumer.Models.NetworkingIstioIo.V1.ServiceEntry).FullName}");

        // The loader keeps reading the kind into RulesMesh's own type, the one the built-in rules read.
        var loaded = new ManifestLoader().LoadText("apiVersion: networking.istio.io/v1\nkind: ServiceEntry\nmetadata:\n  name: api\n  namespace: default\nspec:\n  hosts: [api.example.com]\n  ports:\n  - number: 443\n    name: https\n    protocol: TLS\n  resolution: DNS\n", "se.yaml");
        Console.WriteLine($"regenerated-load: {loaded.Resources.Count}|{loaded.Diagnostics.Count}|{string.Join(",", loaded.Resources.Select(r => r.Object.GetType().FullName))}");
        """;

    [Fact]
    public void Regenerating_a_shipped_kind_needs_only_the_property_and_the_loader_keeps_RulesMesh_s_type()
    {
        package.AssertPacked();
        var directory = package.NewConsumerDirectory("Regenerating");
        Directory.CreateDirectory(Path.Combine(directory, "crds"));
        File.Copy(Path.Combine(RepositoryLayout.Root, "schemas", "networking.istio.io_serviceentries.yaml"), Path.Combine(directory, "crds", "serviceentries.yaml"));
        File.WriteAllText(Path.Combine(directory, "Program.cs"), RegeneratingProgram);
        ConsumerProject.WriteProject(directory, "Regenerating", $"""
            <Project Sdk="Microsoft.NET.Sdk">
              <PropertyGroup>
                <OutputType>Exe</OutputType>
                <RootNamespace>Consumer</RootNamespace>
                <RulesMeshRegenerateProvidedModels>true</RulesMeshRegenerateProvidedModels>
            {ConsumerProject.CommonProperties}
              </PropertyGroup>
              <ItemGroup>
                <PackageReference Include="RulesMesh" Version="{package.Version}" />
                <RulesMeshCrd Include="crds/*.yaml" />
              </ItemGroup>
            </Project>
            """);

        var build = ConsumerProject.Build(Path.Combine(directory, "Regenerating.csproj"));
        ConsumerProject.AssertCleanBuild(build);
        var run = ConsumerProject.Run(Path.Combine(directory, "bin", "Debug", "net10.0", "Regenerating.dll"));
        output.WriteLine(run.StandardOutput);

        Assert.True(run.ExitCode == 0, run.Describe() + Environment.NewLine + build.Describe());
        // schemas/networking.istio.io_serviceentries.yaml serves v1, v1alpha3 and v1beta1 (v1 stores).
        Assert.Equal(["0|networking.istio.io/v1,networking.istio.io/v1alpha3,networking.istio.io/v1beta1|Consumer.Models.NetworkingIstioIo.V1.ServiceEntry"], ConsumerProject.Lines(run, "regenerated: "));
        Assert.Equal(["1|0|RulesMesh.Models.NetworkingIstioIo.V1.ServiceEntry"], ConsumerProject.Lines(run, "regenerated-load: "));
    }

    [Fact]
    public void Transitive_consumer_gets_generator_and_build_files_through_a_project_reference_and_honours_RulesMeshModelsNamespace()
    {
        package.AssertPacked();
        var root = package.NewConsumerDirectory("Transitive");
        var library = Path.Combine(root, "Lib");
        var app = Path.Combine(root, "App");
        Directory.CreateDirectory(library);
        Directory.CreateDirectory(Path.Combine(app, "crds"));

        var librarySarif = ConsumerProject.WriteProject(library, "Lib", $"""
            <Project Sdk="Microsoft.NET.Sdk">
              <PropertyGroup>
                <RootNamespace>Lib</RootNamespace>
            {ConsumerProject.CommonProperties}
              </PropertyGroup>
              <ItemGroup>
                <PackageReference Include="RulesMesh" Version="{package.Version}" />
              </ItemGroup>
            </Project>
            """);
        File.WriteAllText(Path.Combine(library, "Mesh.cs"), """
            namespace Lib;

            public static class Mesh
            {
                public static RulesMesh.Models.NetworkingIstioIo.V1.ServiceEntry NewServiceEntry(string name)
                {
                    var entry = new RulesMesh.Models.NetworkingIstioIo.V1.ServiceEntry { Spec = new() { Hosts = [name + ".example.com"] } };
                    entry.Metadata.Name = name;
                    return entry;
                }
            }
            """);

        var appSarif = ConsumerProject.WriteProject(app, "App", $"""
            <Project Sdk="Microsoft.NET.Sdk">
              <PropertyGroup>
                <OutputType>Exe</OutputType>
                <RootNamespace>App</RootNamespace>
                <RulesMeshModelsNamespace>App.Crds</RulesMeshModelsNamespace>
            {ConsumerProject.CommonProperties}
              </PropertyGroup>
              <ItemGroup>
                <ProjectReference Include="../Lib/Lib.csproj" />
                <RulesMeshCrd Include="crds/*.yaml" />
              </ItemGroup>
            </Project>
            """);
        File.WriteAllText(Path.Combine(app, "crds", "widgets.yaml"), ConsumerProject.WidgetCrd);
        File.WriteAllText(Path.Combine(app, "Program.cs"), """
            using System.Text.Json;
            using App.Crds.ExampleCom.V1;

            var entry = Lib.Mesh.NewServiceEntry("via-lib");
            Console.WriteLine($"rulesmesh-model: {RulesMesh.Models.NetworkingIstioIo.V1.ServiceEntry.KubeApiVersion}|{entry.Metadata.Name}");
            var widget = JsonSerializer.Deserialize<Widget>("{\"spec\":{\"displayName\":\"cog\",\"replicas\":7,\"color\":\"Purple\"}}")!;
            Console.WriteLine($"consumer-model: {widget.ApiVersion}|{widget.Spec!.DisplayName}|{widget.Spec.Replicas}|{widget.Spec.Color.Value}|{widget.Spec.Color.IsKnown}");
            foreach (var model in App.Crds.GeneratedModels.All)
            {
                Console.WriteLine($"consumer-catalog: {model.ApiVersion}|{model.Kind}|{model.ClrType.FullName}");
            }
            """);

        var build = ConsumerProject.Build(Path.Combine(app, "App.csproj"));
        output.WriteLine($"build: {build.Duration.TotalSeconds:F1}s");
        ConsumerProject.AssertCleanBuild(build);
        ConsumerProject.AssertSarif(librarySarif, build);
        ConsumerProject.AssertSarif(appSarif, build);

        // buildTransitive/ reached the app: NuGet imported the package's props and targets there too.
        var appNuGetProps = File.ReadAllText(Path.Combine(app, "obj", "App.csproj.nuget.g.props"));
        Assert.Contains("RulesMesh.props", appNuGetProps, StringComparison.Ordinal);

        var run = ConsumerProject.Run(Path.Combine(app, "bin", "Debug", "net10.0", "App.dll"));
        output.WriteLine(run.StandardOutput);
        var details = run.Describe() + Environment.NewLine + build.Describe();
        Assert.True(run.ExitCode == 0, "The app failed." + Environment.NewLine + details);
        Assert.Equal(["networking.istio.io/v1|via-lib"], ConsumerProject.Lines(run, "rulesmesh-model: "));
        Assert.Equal(["example.com/v1|cog|7|Purple|False"], ConsumerProject.Lines(run, "consumer-model: "));
        Assert.Equal(["example.com/v1|Widget|App.Crds.ExampleCom.V1.Widget"], ConsumerProject.Lines(run, "consumer-catalog: "));
    }
}
