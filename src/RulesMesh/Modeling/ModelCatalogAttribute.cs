using System.Diagnostics.CodeAnalysis;

namespace RulesMesh.Modeling;

/// <summary>
/// Written by the model generator on every assembly it generates models into: names the generated catalog class,
/// whose public static <c>All</c> lists the assembly's models. <c>ModelRegistry.Default</c> reads these attributes from
/// the application's entry assembly, so a program's own kinds load with no registration code (models generated into
/// a class library are added with <c>ModelRegistry.Default.With(TheLibrary.Models.GeneratedModels.All)</c>).
/// </summary>
[AttributeUsage(AttributeTargets.Assembly, AllowMultiple = true, Inherited = false)]
public sealed class ModelCatalogAttribute([DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.PublicProperties)] Type catalogType) : Attribute
{
    /// <summary>The generated <c>GeneratedModels</c> class.</summary>
    [DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.PublicProperties)]
    public Type CatalogType { get; } = catalogType;

    /// <summary>The catalog's models: its public static <c>All</c>.</summary>
    public IReadOnlyList<ModelDescriptor> Models
        => CatalogType.GetProperty("All")?.GetValue(null) as IReadOnlyList<ModelDescriptor>
            ?? throw new InvalidOperationException($"{CatalogType.FullName} named by [ModelCatalog] has no public static All of IReadOnlyList<ModelDescriptor>.");
}
