using System.Globalization;
using RulesMesh.Mesh;
using RulesMesh.Naming;

namespace RulesMesh.Translation.Backends;

/// <summary>Names a backend's cluster through the naming stage.</summary>
internal static class BackendNaming
{
    /// <summary>
    /// The naming stage's name for the cluster of <paramref name="service"/>'s <paramref name="port"/> (and
    /// <paramref name="host"/>); when no naming rule names it, kgateway's own default,
    /// <c>&lt;lower-cased kind&gt;_&lt;ns&gt;_&lt;name&gt;[_&lt;extraKey&gt;]_&lt;port&gt;</c>.
    /// </summary>
    public static string ClusterName(TranslationContext context, MeshService service, ServicePort port, string host, string? extraKey)
        => context.Pipeline.Stage<IClusterNameRule>().ClusterName(new BackendTarget(service.Key, port.Port, host), context.Rules)
            ?? string.Create(CultureInfo.InvariantCulture, $"{service.Key.Kind.ToLowerInvariant()}_{service.Namespace}_{service.Name}{(string.IsNullOrEmpty(extraKey) ? string.Empty : "_" + extraKey)}_{port.Port}");

    /// <summary>Whether <paramref name="port"/> and its target port (0: none) are usable port numbers; warns about <paramref name="service"/> otherwise.</summary>
    public static bool CheckPort(TranslationContext context, MeshService service, ServicePort port)
    {
        var name = port.Name.Length > 0 ? port.Name : "unnamed";
        if (port.Port is < 1 or > EnvoyValues.MaxPort)
        {
            context.Warn(service.Key, null, string.Create(CultureInfo.InvariantCulture, $"port {port.Port} ({name}) is outside 1-65535; it gets no cluster"));
            return false;
        }

        if (port.TargetPort is < 0 or > EnvoyValues.MaxPort)
        {
            // A ServiceEntry's targetPort is read as unsigned: one past int32 shows here as negative.
            context.Warn(service.Key, null, string.Create(CultureInfo.InvariantCulture, $"port {port.Port} ({name}): targetPort {(uint)port.TargetPort} is outside 1-65535; it gets no cluster"));
            return false;
        }

        return true;
    }
}
