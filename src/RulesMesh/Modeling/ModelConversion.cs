using k8s;
using k8s.Models;

namespace RulesMesh.Modeling;

/// <summary>Helpers the generated hub conversions call: they read a served version into its kind's hub type.</summary>
public static class ModelConversion
{
    /// <summary>
    /// <paramref name="value"/> reporting <paramref name="hubApiVersion"/>: a version whose schema is the hub's is read
    /// straight into the hub type, and only its apiVersion says otherwise.
    /// </summary>
    public static T? WithApiVersion<T>(T? value, string hubApiVersion)
        where T : class, IKubernetesObject<V1ObjectMeta>
    {
        if (value is not null)
        {
            value.ApiVersion = hubApiVersion;
        }

        return value;
    }

    /// <summary>A map with every value converted, keys kept.</summary>
    public static Dictionary<string, TTo> ConvertValues<TFrom, TTo>(Dictionary<string, TFrom> source, Func<TFrom, TTo> convert)
    {
        var result = new Dictionary<string, TTo>(source.Count, source.Comparer);
        foreach (var (key, value) in source)
        {
            result.Add(key, convert(value));
        }

        return result;
    }
}
