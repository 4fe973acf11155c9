using System.Reflection;
using System.Text;
using Google.Protobuf.Reflection;
using Google.Protobuf.WellKnownTypes;

namespace RulesMesh.Xds;

/// <summary>
/// Finds a message type's descriptor through the class protoc generated for it, named by protoc's C# rules from the
/// full name: the package in PascalCase as the namespace (<c>google.protobuf</c>: <c>Google.Protobuf.WellKnownTypes</c>),
/// nested messages under <c>Types</c>. Only that class's file and its imports get built.
/// </summary>
/// <remarks>
/// Packages are taken to be the lower-case parts of the name and messages the rest, as Envoy's and Google's protos
/// are written; a name that does not lead to a class describing exactly that type is not found here.
/// </remarks>
internal static class GeneratedMessageTypes
{
    private const string WellKnownPackage = "google.protobuf";

    /// <summary>The descriptor of the message type <paramref name="fullName"/>, or null when its generated class is not where its name implies.</summary>
    public static MessageDescriptor? Find(string fullName)
    {
        var parts = fullName.Split('.');
        var firstMessage = Array.FindIndex(parts, static p => p.Length > 0 && char.IsUpper(p[0]));
        if (firstMessage <= 0)
        {
            return null;
        }

        var package = string.Join('.', parts[..firstMessage]);
        var (assembly, ns) = package == WellKnownPackage
            ? (typeof(Any).Assembly, typeof(Any).Namespace!)
            : (typeof(GeneratedMessageTypes).Assembly, string.Join('.', parts[..firstMessage].Select(PascalCase)));
        var clrName = ns + "." + string.Join("+Types+", parts[firstMessage..]);
        var descriptor = assembly.GetType(clrName)?.GetProperty("Descriptor", BindingFlags.Public | BindingFlags.Static)?.GetValue(null) as MessageDescriptor;
        return descriptor?.FullName == fullName ? descriptor : null;
    }

    // protoc's C# casing of a package part: underscores dropped, the first letter and each letter after an underscore or
    // a digit upper-cased (http_connection_manager: HttpConnectionManager, v1alpha1: V1Alpha1).
    private static string PascalCase(string part)
    {
        var result = new StringBuilder(part.Length);
        var upperNext = true;
        foreach (var c in part)
        {
            if (c == '_')
            {
                upperNext = true;
            }
            else
            {
                result.Append(upperNext ? char.ToUpperInvariant(c) : c);
                upperNext = char.IsDigit(c);
            }
        }

        return result.ToString();
    }
}
