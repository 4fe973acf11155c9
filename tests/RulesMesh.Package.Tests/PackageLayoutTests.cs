using System.IO.Compression;
using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;
using System.Xml.Linq;
using RulesMesh.Package.Tests.Infrastructure;

namespace RulesMesh.Package.Tests;

/// <summary>The shape of the packed .nupkg: library, generator, build files, schemas and dependencies.</summary>
[Collection(PackageCollection.Name)]
public sealed class PackageLayoutTests(PackedPackageFixture package, ITestOutputHelper output)
{
    private const string AnalyzerFolder = "analyzers/dotnet/cs/";

    [Fact]
    public void Pack_is_warning_free()
    {
        package.AssertPacked();
        output.WriteLine($"pack: {package.PackResult.Duration.TotalSeconds:F1}s");
        var all = package.PackResult.StandardOutput + package.PackResult.StandardError;
        Assert.DoesNotMatch(@":\s+warning\s+[A-Z]+[0-9]+", all);
    }

    [Fact]
    public void Library_is_in_lib_net10_and_nothing_of_the_generator_is()
    {
        var entries = Entries();
        Assert.Contains("lib/net10.0/RulesMesh.dll", entries);
        Assert.Contains("lib/net10.0/RulesMesh.xml", entries);
        Assert.DoesNotContain(entries, e => e.StartsWith("lib/", StringComparison.Ordinal) && !e.StartsWith("lib/net10.0/RulesMesh.", StringComparison.Ordinal));
        Assert.DoesNotContain(entries, e => e.Contains("RulesMesh.Generators", StringComparison.Ordinal) && !e.StartsWith(AnalyzerFolder, StringComparison.Ordinal));
    }

    [Fact]
    public void Envoy_types_ship_with_their_xml_docs()
    {
        var entries = Entries();
        Assert.Contains("lib/net10.0/RulesMesh.Envoy.dll", entries);
        Assert.Contains("lib/net10.0/RulesMesh.Envoy.xml", entries);
    }

    [Fact]
    public void The_package_carries_its_readme_license_and_the_repository_its_help_links_point_to()
    {
        using var archive = ZipFile.OpenRead(PackagePath());
        var nuspecEntry = archive.Entries.Single(e => e.FullName.EndsWith(".nuspec", StringComparison.Ordinal) && !e.FullName.Contains('/', StringComparison.Ordinal));
        using var stream = nuspecEntry.Open();
        var nuspec = XDocument.Load(stream);
        XNamespace ns = nuspec.Root!.Name.Namespace;
        var metadata = nuspec.Root.Element(ns + "metadata")!;

        Assert.Equal("README.md", metadata.Element(ns + "readme")!.Value);
        Assert.NotNull(archive.GetEntry("README.md"));
        Assert.Equal("Apache-2.0", metadata.Element(ns + "license")!.Value);
        var repository = metadata.Element(ns + "repository")!.Attribute("url")!.Value;
        Assert.Equal("https://github.com/rulesmesh/rulesmesh", repository);

        // The analyzers' help links are pages of that repository (the generators' descriptors, as packed).
        var generator = ReadEntryBytes(archive, AnalyzerFolder + "RulesMesh.Generators.dll");
        // Searched as UTF-16 bytes (how the metadata keeps string literals), wherever they start: decoding the whole file
        // as UTF-16 only finds literals that happen to begin at an even offset.
        var link = System.Text.Encoding.Unicode.GetBytes(repository + "/blob/main/docs/diagnostics/");
        Assert.True(generator.AsSpan().IndexOf(link) >= 0, "the generator carries no help link into the repository");
    }

    [Fact]
    public void Generator_and_every_assembly_it_needs_are_in_analyzers_dotnet_cs()
    {
        using var archive = ZipFile.OpenRead(PackagePath());
        var analyzers = archive.Entries
            .Where(e => e.FullName.StartsWith(AnalyzerFolder, StringComparison.Ordinal) && e.FullName.EndsWith(".dll", StringComparison.Ordinal))
            .ToDictionary(e => Path.GetFileNameWithoutExtension(e.Name), e => ReadAssembly(e), StringComparer.OrdinalIgnoreCase);
        output.WriteLine("analyzers: " + string.Join(", ", analyzers.Keys));

        Assert.True(analyzers.ContainsKey("RulesMesh.Generators"), "No generator in " + AnalyzerFolder);
        Assert.True(analyzers.ContainsKey("YamlDotNet"), "No YamlDotNet beside the generator in " + AnalyzerFolder);
        Assert.True(analyzers.ContainsKey("RulesMesh.CodeFixes"), "No code fixes beside the analyzers in " + AnalyzerFolder);
        Assert.Equal(".NETStandard,Version=v2.0", analyzers["YamlDotNet"].TargetFramework);
        Assert.Equal(".NETStandard,Version=v2.0", analyzers["RulesMesh.Generators"].TargetFramework);

        // Whatever the generator references must come from the compiler (Roslyn, the BCL facades) or sit beside it.
        foreach (var (name, assembly) in analyzers)
        {
            foreach (var reference in assembly.References)
            {
                if (IsProvidedByCompiler(reference.Name))
                {
                    continue;
                }

                Assert.True(analyzers.TryGetValue(reference.Name, out var shipped), $"{name} references {reference.Name} {reference.Version}, which is not in {AnalyzerFolder}.");
                Assert.True(shipped.Version >= reference.Version, $"{name} references {reference.Name} {reference.Version}, but {AnalyzerFolder} has {shipped.Version}.");
            }
        }
    }

    [Fact]
    public void Dependencies_are_the_runtime_packages_and_not_the_generator()
    {
        using var archive = ZipFile.OpenRead(PackagePath());
        var nuspecEntry = archive.Entries.Single(e => e.FullName.EndsWith(".nuspec", StringComparison.Ordinal) && !e.FullName.Contains('/', StringComparison.Ordinal));
        using var stream = nuspecEntry.Open();
        var nuspec = XDocument.Load(stream);
        XNamespace ns = nuspec.Root!.Name.Namespace;
        var metadata = nuspec.Root.Element(ns + "metadata")!;
        Assert.Equal("RulesMesh", metadata.Element(ns + "id")!.Value);
        Assert.Equal(package.Version, metadata.Element(ns + "version")!.Value);
        var groups = metadata.Element(ns + "dependencies")!.Elements(ns + "group").ToList();
        var group = Assert.Single(groups);
        Assert.Equal("net10.0", group.Attribute("targetFramework")!.Value);
        var ids = group.Elements(ns + "dependency").Select(d => d.Attribute("id")!.Value).ToList();
        output.WriteLine("dependencies: " + string.Join(", ", ids));
        Assert.Contains("KubernetesClient", ids);
        Assert.Contains("YamlDotNet", ids);
        Assert.DoesNotContain(ids, id => id.StartsWith("RulesMesh", StringComparison.Ordinal) || id.StartsWith("Microsoft.CodeAnalysis", StringComparison.Ordinal));
    }

    [Fact]
    public void Build_and_buildTransitive_carry_the_props_and_targets()
    {
        using var archive = ZipFile.OpenRead(PackagePath());
        foreach (var folder in new[] { "build", "buildTransitive" })
        {
            var props = ReadText(archive, folder + "/RulesMesh.props");
            var targets = ReadText(archive, folder + "/RulesMesh.targets");
            Assert.Contains("<CompilerVisibleProperty Include=\"RulesMeshModelsNamespace\" />", props, StringComparison.Ordinal);
            Assert.Contains("<CompilerVisibleProperty Include=\"RootNamespace\" />", props, StringComparison.Ordinal);
            Assert.Contains("<CompilerVisibleProperty Include=\"RulesMeshRegenerateProvidedModels\" />", props, StringComparison.Ordinal);
            Assert.Contains("<AdditionalFiles Include=\"@(RulesMeshCrd)\"", targets, StringComparison.Ordinal);
            // RulesMesh.dll's [ProvidesModel] attributes tell the generator its kinds; handing it the package's schemas too
            // only added one RM0007 note per shipped kind to every consumer build.
            Assert.DoesNotContain("schemas", targets, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Schemas_are_packed_from_the_repository()
    {
        var packed = Entries()
            .Where(e => e.StartsWith("schemas/", StringComparison.Ordinal))
            .Select(e => e["schemas/".Length..])
            .ToList();
        output.WriteLine("schemas: " + string.Join(", ", packed));
        Assert.Contains("networking.istio.io_serviceentries.yaml", packed);
        Assert.All(packed, name => Assert.True(File.Exists(Path.Combine(RepositoryLayout.SchemasDirectory, name)), name + " is not in " + RepositoryLayout.SchemasDirectory));
    }

    private string PackagePath()
    {
        package.AssertPacked();
        return package.PackagePath;
    }

    private List<string> Entries()
    {
        using var archive = ZipFile.OpenRead(PackagePath());
        return archive.Entries.Select(e => e.FullName).ToList();
    }

    private static byte[] ReadEntryBytes(ZipArchive archive, string name)
    {
        var entry = archive.GetEntry(name);
        Assert.True(entry is not null, name + " is missing from the package.");
        using var stream = entry.Open();
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    }

    private static string ReadText(ZipArchive archive, string name)
    {
        var entry = archive.GetEntry(name);
        Assert.True(entry is not null, name + " is missing from the package.");
        using var reader = new StreamReader(entry.Open());
        return reader.ReadToEnd();
    }

    private static bool IsProvidedByCompiler(string name)
        => name is "netstandard" or "mscorlib" or "System"
           || name.StartsWith("System.", StringComparison.Ordinal)
           || name.StartsWith("Microsoft.CodeAnalysis", StringComparison.Ordinal);

    private static AssemblyFacts ReadAssembly(ZipArchiveEntry entry)
    {
        using var stream = entry.Open();
        using var buffer = new MemoryStream();
        stream.CopyTo(buffer);
        buffer.Position = 0;
        using var pe = new PEReader(buffer);
        var reader = pe.GetMetadataReader();
        var references = reader.AssemblyReferences
            .Select(h => reader.GetAssemblyReference(h))
            .Select(r => (reader.GetString(r.Name), r.Version))
            .ToList();
        string? targetFramework = null;
        foreach (var handle in reader.GetAssemblyDefinition().GetCustomAttributes())
        {
            var attribute = reader.GetCustomAttribute(handle);
            if (attribute.Constructor.Kind == HandleKind.MemberReference
                && reader.GetMemberReference((MemberReferenceHandle)attribute.Constructor).Parent is { Kind: HandleKind.TypeReference } parent
                && reader.GetString(reader.GetTypeReference((TypeReferenceHandle)parent).Name) == "TargetFrameworkAttribute")
            {
                var blob = reader.GetBlobReader(attribute.Value);
                blob.ReadUInt16(); // prolog
                targetFramework = blob.ReadSerializedString();
            }
        }

        return new AssemblyFacts(reader.GetAssemblyDefinition().Version, targetFramework, references);
    }

    private sealed record AssemblyFacts(Version Version, string? TargetFramework, List<(string Name, Version Version)> References);
}
