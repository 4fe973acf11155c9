using System.Buffers;
using System.Globalization;
using System.Text;
using k8s;
using k8s.Models;
using RulesMesh.Loading;
using RulesMesh.Rules;
using RulesMesh.Translation.Backends;

namespace RulesMesh.Validation;

/// <summary>
/// What the API server refuses in a Service's ports and cluster IPs (ValidateService in k8s.io/kubernetes
/// pkg/apis/core/validation), beyond the enums the loader checks: a port outside 1–65535; a port name that is not a
/// DNS-1123 label, missing when the Service has several ports, or repeated; the same port and protocol twice; a
/// targetPort that is neither a port number nor an IANA service name; a cluster IP that is not an IP address, "None"
/// anywhere but alone, more than two cluster IPs or two of one family, spec.clusterIPs not starting with spec.clusterIP.
/// The API server's defaults are applied first, as it applies them: no protocol is TCP, a targetPort of 0 is the port.
/// </summary>
[Rule("kubernetes.validation.service", Order = 5, Description = "The API server's checks of a Service's ports and cluster IPs.")]
[AppliesTo("", "Service")]
public sealed class KubernetesServiceValidation : IObjectValidationRule
{
    private const string Headless = "None";

    private static readonly SearchValues<char> IanaServiceNameCharacters = SearchValues.Create("abcdefghijklmnopqrstuvwxyz0123456789-");

    /// <inheritdoc />
    public void Validate(IKubernetesObject<V1ObjectMeta> resource, ValidationProblems problems)
    {
        if (((V1Service)resource).Spec is not { } spec)
        {
            return;
        }

        ValidatePorts(spec.Ports ?? [], problems);
        ValidateClusterIPs(spec, problems);
    }

    private static void ValidatePorts(IList<V1ServicePort> ports, ValidationProblems problems)
    {
        // Paths are made only for a problem; repeats are looked for among the earlier ports (a Service has a few), so a
        // valid Service allocates nothing here.
        for (var i = 0; i < ports.Count; i++)
        {
            var port = ports[i];
            var name = port.Name ?? string.Empty;
            if (name.Length == 0 && ports.Count > 1)
            {
                problems.Add(PortField(i, "name"), "is required when a Service has more than one port");
            }
            else if (name.Length > 0 && !IsLabel(name))
            {
                problems.Add(PortField(i, "name"), $"'{name}' is not a port name: {DnsNames.Dns1123LabelRule}");
            }
            else if (name.Length > 0 && FirstEarlier(ports, i, static (a, b) => a.Name == b.Name) is { } sameName)
            {
                problems.Add(PortField(i, "name"), Repeats($"the port name '{name}'", sameName));
            }

            if (PortProblem(port.Port) is { } portProblem)
            {
                problems.Add(PortField(i, "port"), portProblem);
            }

            if (FirstEarlier(ports, i, static (a, b) => a.Port == b.Port && Protocol(a) == Protocol(b)) is { } samePort)
            {
                problems.Add(FieldPath.Index("spec.ports", i), Repeats(string.Create(CultureInfo.InvariantCulture, $"port {port.Port} with protocol {Protocol(port)}"), samePort));
            }

            if (TargetPortProblem(port.TargetPort?.Value) is { } targetProblem)
            {
                problems.Add(PortField(i, "targetPort"), targetProblem);
            }
        }
    }

    // The API server defaults an unset protocol to TCP before it compares ports.
    private static string Protocol(V1ServicePort port) => string.IsNullOrEmpty(port.Protocol) ? "TCP" : port.Protocol;

    private static int? FirstEarlier(IList<V1ServicePort> ports, int index, Func<V1ServicePort, V1ServicePort, bool> same)
    {
        for (var earlier = 0; earlier < index; earlier++)
        {
            if (same(ports[earlier], ports[index]))
            {
                return earlier;
            }
        }

        return null;
    }

    private static string PortField(int index, string field) => FieldPath.Property(FieldPath.Index("spec.ports", index), field);

    // A port name is ASCII when valid; anything longer than a label, or not ASCII, is no label.
    private static bool IsLabel(string name)
    {
        Span<byte> bytes = stackalloc byte[64];
        return Encoding.UTF8.TryGetBytes(name, bytes, out var written) && DnsNames.IsDns1123Label(bytes[..written]);
    }

    private static string Repeats(string what, int first)
        => string.Create(CultureInfo.InvariantCulture, $"repeats {what} of spec.ports[{first}]");

    private static string? PortProblem(long number)
        => number is < 1 or > 65535 ? string.Create(CultureInfo.InvariantCulture, $"is {number}; a port number must be between 1 and 65535") : null;

    // A number is a port (0 or unset: the API server makes it the port itself), anything else a named port of the Pod.
    private static string? TargetPortProblem(string? value)
    {
        if (string.IsNullOrEmpty(value))
        {
            return null;
        }

        if (long.TryParse(value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var number))
        {
            return number == 0 ? null : PortProblem(number);
        }

        return IsIanaServiceName(value)
            ? null
            : $"'{value}' is neither a port number nor a port name (at most 15 lowercase letters, digits and '-', with at least one letter, not starting or ending with '-', no '--')";
    }

    // Kubernetes' IsValidPortName, the IANA_SVC_NAME of RFC 6335.
    private static bool IsIanaServiceName(string name)
        => name.Length is >= 1 and <= 15
            && !name.AsSpan().ContainsAnyExcept(IanaServiceNameCharacters)
            && name.AsSpan().ContainsAnyInRange('a', 'z')
            && !name.Contains("--", StringComparison.Ordinal)
            && name[0] != '-' && name[^1] != '-';

    private static void ValidateClusterIPs(V1ServiceSpec spec, ValidationProblems problems)
    {
        var clusterIP = spec.ClusterIP ?? string.Empty;
        var clusterIPs = spec.ClusterIPs ?? [];
        if (clusterIP.Length > 0 && clusterIP != Headless && !IsAddress(clusterIP))
        {
            problems.Add("spec.clusterIP", $"'{clusterIP}' is not an IP address, nor None for a headless Service");
        }

        if (clusterIPs.Count > 0 && clusterIP.Length > 0 && clusterIPs[0] != clusterIP)
        {
            problems.Add("spec.clusterIPs[0]", $"is '{clusterIPs[0]}'; it must be spec.clusterIP, '{clusterIP}'");
        }

        if (clusterIPs.Count > 2)
        {
            problems.Add("spec.clusterIPs", string.Create(CultureInfo.InvariantCulture, $"holds {clusterIPs.Count} addresses; a Service has at most two, one of each IP family"));
        }

        for (var i = 0; i < clusterIPs.Count; i++)
        {
            var address = clusterIPs[i] ?? string.Empty;
            var path = FieldPath.Index("spec.clusterIPs", i);
            if (address == Headless)
            {
                if (i > 0 || clusterIPs.Count > 1)
                {
                    problems.Add(path, "is None, which must be the only cluster IP");
                }
            }
            else if (!IsAddress(address))
            {
                problems.Add(path, $"'{address}' is not an IP address, nor None for a headless Service");
            }
        }

        if (clusterIPs.Count == 2 && IsAddress(clusterIPs[0]) && IsAddress(clusterIPs[1]) && IsIPv6(clusterIPs[0]) == IsIPv6(clusterIPs[1]))
        {
            problems.Add("spec.clusterIPs[1]", "is of the same IP family as spec.clusterIPs[0]; a dual-stack Service has one address of each");
        }
    }

    // Dotted-quad IPv4 without leading zeros and IPv6 without a zone: what Envoy reads as an address (the API server refuses leading zeros only with strict IP validation on).
    private static bool IsAddress(string? text) => IpAddresses.IsIpWithoutZone(text);

    private static bool IsIPv6(string address) => address.Contains(':', StringComparison.Ordinal);
}
