using System.Text.Json;
using RulesMesh.Loading;

namespace RulesMesh.ServiceModel;

/// <summary>
/// Reads an object of one generated model as another model of the same schema, such as a v1beta1 ServiceEntry as v1.
/// Generated versions share no C# type even when their schemas are equal, and a JSON round trip keeps every field.
/// </summary>
internal static class SameSchemaModel
{
    /// <summary><paramref name="value"/> as a <typeparamref name="TTarget"/>.</summary>
    public static TTarget Convert<TTarget>(object value)
        where TTarget : class
        => JsonSerializer.SerializeToElement(value, value.GetType(), ManifestJsonOptions.Default).Deserialize<TTarget>(ManifestJsonOptions.Default)
            ?? throw new InvalidOperationException($"A {value.GetType().Name} read as {typeof(TTarget).Name} gave null.");
}
