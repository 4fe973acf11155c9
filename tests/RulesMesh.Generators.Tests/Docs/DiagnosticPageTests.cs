using System.Reflection;
using System.Xml.Linq;
using Microsoft.CodeAnalysis;
using RulesMesh.Generators.Diagnostics;
using RulesMesh.Generators.Tests.Infrastructure;

namespace RulesMesh.Generators.Tests.Docs;

/// <summary>
/// Every diagnostic has its own page in docs/diagnostics, listed in the index, and its help link is that page in the
/// repository the packages name as their RepositoryUrl (Directory.Build.props).
/// </summary>
public sealed class DiagnosticPageTests
{
    public static TheoryData<string> Descriptors()
    {
        var data = new TheoryData<string>();
        foreach (var descriptor in All())
        {
            data.Add(descriptor.Id);
        }

        return data;
    }

    [Fact]
    public void Every_descriptor_has_an_id_of_its_own()
        => Assert.Equal(All().Count, All().Select(d => d.Id).Distinct().Count());

    [Theory]
    [MemberData(nameof(Descriptors))]
    public void A_diagnostics_help_link_is_its_page_under_the_packages_repository_url(string id)
    {
        var descriptor = All().Single(d => d.Id == id);
        var repository = XDocument.Load(Path.Combine(RepositoryPaths.Root, "Directory.Build.props")).Descendants("RepositoryUrl").Single().Value;

        Assert.Equal($"{repository}/blob/main/docs/diagnostics/{id}.md", descriptor.HelpLinkUri);
        Assert.True(File.Exists(Path.Combine(RepositoryPaths.Root, "docs", "diagnostics", id + ".md")), $"docs/diagnostics/{id}.md is missing");
        Assert.Contains($"| [{id}]({id}.md) |", File.ReadAllText(Path.Combine(RepositoryPaths.Root, "docs", "diagnostics", "README.md")), StringComparison.Ordinal);
    }

    private static List<DiagnosticDescriptor> All()
        => typeof(DiagnosticDescriptors).GetFields(BindingFlags.Public | BindingFlags.Static)
            .Where(f => f.FieldType == typeof(DiagnosticDescriptor))
            .Select(f => (DiagnosticDescriptor)f.GetValue(null)!)
            .ToList();
}
