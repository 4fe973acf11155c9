using System.Globalization;
using Envoy.Config.Core.V3;
using Envoy.Config.Rbac.V3;
using Envoy.Type.Matcher.V3;
using RulesMesh.Models.SecurityIstioIo.V1;
using RulesMesh.Translation.Listeners;

namespace RulesMesh.Translation.Policy;

/// <summary>Why one value of an Istio rule gives no RBAC matcher (Istio's generator errors).</summary>
internal sealed class RbacRuleException(string message) : Exception(message);

/// <summary>
/// Istio's <c>authz/model</c>: one AuthorizationPolicy rule consolidated into permissions (one per <c>to</c>, plus the
/// destination conditions of <c>when</c>) and principals (one per <c>from</c>, plus the source and request conditions of
/// <c>when</c>), each a list of keyed conditions ANDed, each condition ORing its values and NOT-ORing its not-values.
/// </summary>
internal sealed class IstioRbacModel
{
    private const string AuthnFilter = "istio_authn";
    private const string RequestHeaders = "request.headers";
    private const string RequestClaims = "request.auth.claims";
    private const string EnvoyFilterPrefix = "experimental.envoy.filters.";

    private readonly List<List<Condition>> _permissions = [];
    private readonly List<List<Condition>> _principals = [];

    private IstioRbacModel()
    {
    }

    /// <summary>Istio's <c>model.New</c>. Throws <see cref="RbacRuleException"/> for a <c>when</c> key Istio does not know.</summary>
    public static IstioRbacModel New(AuthorizationPolicyRule rule)
    {
        var model = new IstioRbacModel();
        var basePermission = new List<Condition>();
        var basePrincipal = new List<Condition>();
        foreach (var when in rule.When ?? [])
        {
            var key = when.Key ?? string.Empty;
            var field = $"when[{key}]";
            var (list, generator) = key switch
            {
                "destination.ip" => (basePermission, Generators.DestinationIp),
                "destination.port" => (basePermission, Generators.DestinationPort),
                "connection.sni" => (basePermission, Generators.ConnectionSni),
                _ when key.StartsWith(EnvoyFilterPrefix, StringComparison.Ordinal) => (basePermission, Generators.EnvoyFilter),
                "source.ip" => (basePrincipal, Generators.SourceIp),
                "remote.ip" => (basePrincipal, Generators.RemoteIp),
                "source.namespace" => (basePrincipal, Generators.SourceNamespace),
                "source.principal" => (basePrincipal, Generators.SourcePrincipal),
                "request.auth.principal" => (basePrincipal, Generators.RequestAuth),
                "request.auth.audiences" => (basePrincipal, Generators.RequestAuth),
                "request.auth.presenter" => (basePrincipal, Generators.RequestAuth),
                _ when key.StartsWith(RequestHeaders, StringComparison.Ordinal) => (basePrincipal, Generators.RequestHeader),
                _ when key.StartsWith(RequestClaims, StringComparison.Ordinal) => (basePrincipal, Generators.RequestClaim),
                // Load validation refuses such keys; a policy built in code skips it and still gets here.
                _ => throw new RbacRuleException($"unknown attribute {key} in when"),
            };
            Append(list, front: false, generator, key, field, when.Values, when.NotValues);
        }

        foreach (var from in rule.From ?? [])
        {
            var merged = new List<Condition>(basePrincipal);
            if (from?.Source is { } s)
            {
                Append(merged, front: true, Generators.SourceIp, "source.ip", "from.source.ipBlocks", s.IpBlocks, s.NotIpBlocks);
                Append(merged, front: true, Generators.RemoteIp, "remote.ip", "from.source.remoteIpBlocks", s.RemoteIpBlocks, s.NotRemoteIpBlocks);
                Append(merged, front: true, Generators.SourceNamespace, "source.namespace", "from.source.namespaces", s.Namespaces, s.NotNamespaces);
                Append(merged, front: true, Generators.RequestAuth, "request.auth.principal", "from.source.requestPrincipals", s.RequestPrincipals, s.NotRequestPrincipals);
                Append(merged, front: true, Generators.SourceServiceAccount, "source.serviceAccount", "from.source.serviceAccounts", s.ServiceAccounts, s.NotServiceAccounts);
                Append(merged, front: true, Generators.SourcePrincipal, "source.principal", "from.source.principals", s.Principals, s.NotPrincipals);
                Append(merged, front: true, Generators.Unsupported, "source.trustDomain", "from.source.trustDomains", s.TrustDomains, s.NotTrustDomains);
            }

            model._principals.Add(merged);
        }

        if (rule.From is not { Count: > 0 })
        {
            model._principals.Add(basePrincipal);
        }

        foreach (var to in rule.To ?? [])
        {
            var merged = new List<Condition>(basePermission);
            if (to?.Operation is { } o)
            {
                Append(merged, front: true, Generators.DestinationPort, "destination.port", "to.operation.ports", o.Ports, o.NotPorts);
                Append(merged, front: true, Generators.Path, "path-matcher", "to.operation.paths", o.Paths, o.NotPaths);
                Append(merged, front: true, Generators.Method, ":method", "to.operation.methods", o.Methods, o.NotMethods);
                Append(merged, front: true, Generators.Host, ":authority", "to.operation.hosts", o.Hosts, o.NotHosts);
            }

            model._permissions.Add(merged);
        }

        if (rule.To is not { Count: > 0 })
        {
            model._permissions.Add(basePermission);
        }

        return model;
    }

    /// <summary>
    /// Istio's <c>Model.Generate</c>. A value that gives no matcher throws for ALLOW (the whole rule is skipped, so the
    /// policy allows less); for DENY and AUDIT it is left out (the rule matches more) and reported to <paramref name="ignored"/>.
    /// </summary>
    public Envoy.Config.Rbac.V3.Policy Generate(bool forTcp, RBAC.Types.Action action, Action<string> ignored)
    {
        var policy = new Envoy.Config.Rbac.V3.Policy();
        foreach (var conditions in _permissions)
        {
            var and = new List<Permission>();
            foreach (var condition in conditions)
            {
                and.AddRange(condition.Permissions(forTcp, action, ignored));
            }

            if (and.Count == 0)
            {
                and.Add(new Permission { Any = true });
            }

            policy.Permissions.Add(PermissionAnd(and));
        }

        foreach (var conditions in _principals)
        {
            var and = new List<Principal>();
            foreach (var condition in conditions)
            {
                and.AddRange(condition.Principals(forTcp, action, ignored));
            }

            if (and.Count == 0)
            {
                and.Add(new Principal { Any = true });
            }

            policy.Principals.Add(PrincipalAnd(and));
        }

        return policy;
    }

    private static void Append(List<Condition> list, bool front, Generator generator, string key, string field, List<string>? values, List<string>? notValues)
    {
        if (values is not { Count: > 0 } && notValues is not { Count: > 0 })
        {
            return;
        }

        var condition = new Condition(generator, key, field, values ?? [], notValues ?? []);
        if (front)
        {
            list.Insert(0, condition);
        }
        else
        {
            list.Add(condition);
        }
    }

    private static Permission PermissionAnd(IEnumerable<Permission> rules)
    {
        var set = new Permission.Types.Set();
        set.Rules.AddRange(rules);
        return new Permission { AndRules = set };
    }

    private static Principal PrincipalAnd(IEnumerable<Principal> ids)
    {
        var set = new Principal.Types.Set();
        set.Ids.AddRange(ids);
        return new Principal { AndIds = set };
    }

    /// <summary>One keyed condition: <c>values</c> ORed, then <c>notValues</c> ORed under a NOT.</summary>
    private sealed record Condition(Generator Generator, string Key, string Field, IReadOnlyList<string> Values, IReadOnlyList<string> NotValues)
    {
        public IEnumerable<Permission> Permissions(bool forTcp, RBAC.Types.Action action, Action<string> ignored)
        {
            var result = new List<Permission>();
            var or = Collect(Values, Field, v => Generator.Permission(Key, v, forTcp), action, ignored);
            if (or.Count > 0)
            {
                result.Add(PermissionOr(or));
            }

            var notOr = Collect(NotValues, NotField, v => Generator.Permission(Key, v, forTcp), action, ignored);
            if (notOr.Count > 0)
            {
                result.Add(new Permission { NotRule = PermissionOr(notOr) });
            }

            return result;
        }

        public IEnumerable<Principal> Principals(bool forTcp, RBAC.Types.Action action, Action<string> ignored)
        {
            var result = new List<Principal>();
            var or = Collect(Values, Field, v => Generator.Principal(Key, v, forTcp), action, ignored);
            if (or.Count > 0)
            {
                result.Add(PrincipalOr(or));
            }

            var notOr = Collect(NotValues, NotField, v => Generator.Principal(Key, v, forTcp), action, ignored);
            if (notOr.Count > 0)
            {
                result.Add(new Principal { NotId = PrincipalOr(notOr) });
            }

            return result;
        }

        // The field the negated values come from: from.source.ipBlocks → from.source.notIpBlocks; when[key] → when[key].notValues.
        private string NotField
        {
            get
            {
                if (Field.EndsWith(']'))
                {
                    return Field + ".notValues";
                }

                var dot = Field.LastIndexOf('.');
                var name = Field[(dot + 1)..];
                return $"{Field[..(dot + 1)]}not{char.ToUpperInvariant(name[0])}{name[1..]}";
            }
        }

        private static List<T> Collect<T>(IReadOnlyList<string> values, string field, Func<string, T> generate, RBAC.Types.Action action, Action<string> ignored)
        {
            var list = new List<T>();
            foreach (var value in values)
            {
                try
                {
                    list.Add(generate(value));
                }
                catch (RbacRuleException error)
                {
                    var message = $"{field} '{value}': {error.Message}";
                    if (action == RBAC.Types.Action.Allow)
                    {
                        throw new RbacRuleException(message);
                    }

                    ignored(message);
                }
            }

            return list;
        }

        private static Permission PermissionOr(IEnumerable<Permission> rules)
        {
            var set = new Permission.Types.Set();
            set.Rules.AddRange(rules);
            return new Permission { OrRules = set };
        }

        private static Principal PrincipalOr(IEnumerable<Principal> ids)
        {
            var set = new Principal.Types.Set();
            set.Ids.AddRange(ids);
            return new Principal { OrIds = set };
        }
    }

    /// <summary>Istio's per-attribute generators; each side it does not implement throws.</summary>
    private abstract class Generator
    {
        public virtual Permission Permission(string key, string value, bool forTcp) => throw new RbacRuleException("unimplemented");

        public virtual Principal Principal(string key, string value, bool forTcp) => throw new RbacRuleException("unimplemented");

        protected static void HttpOnly(bool forTcp)
        {
            if (forTcp)
            {
                throw new RbacRuleException("HTTP only, so it cannot match on a TCP chain");
            }
        }

        // Load validation refuses what this refuses; a policy built in code skips it and still gets here.
        protected static CidrRange Cidr(string value)
            => CidrRanges.Parse(value) ?? throw new RbacRuleException("not an IP address or CIDR");

        // UseFilterState (kgateway's builder option): the peer identity comes from the PROXY-protocol TLV that
        // proxy_protocol_authority copies to filter state, not from a TLS peer certificate.
        protected static Principal Authenticated(StringMatcher name) => new()
        {
            FilterState = new FilterStateMatcher { Key = WaypointFilters.PeerPrincipalFilterStateKey, StringMatch = name },
        };
    }

    private static class Generators
    {
        public static readonly Generator DestinationIp = new DestinationIpGenerator();
        public static readonly Generator DestinationPort = new DestinationPortGenerator();
        public static readonly Generator ConnectionSni = new ConnectionSniGenerator();
        public static readonly Generator EnvoyFilter = new EnvoyFilterGenerator();
        public static readonly Generator SourceIp = new SourceIpGenerator();
        public static readonly Generator RemoteIp = new RemoteIpGenerator();
        public static readonly Generator SourceNamespace = new SourceNamespaceGenerator();
        public static readonly Generator SourcePrincipal = new SourcePrincipalGenerator();
        public static readonly Generator SourceServiceAccount = new SourceServiceAccountGenerator();
        public static readonly Generator RequestAuth = new RequestAuthGenerator();
        public static readonly Generator RequestHeader = new RequestHeaderGenerator();
        public static readonly Generator RequestClaim = new RequestClaimGenerator();
        public static readonly Generator Host = new HostGenerator();
        public static readonly Generator Method = new MethodGenerator();
        public static readonly Generator Path = new PathGenerator();
        public static readonly Generator Unsupported = new UnsupportedGenerator();
    }

    private sealed class DestinationIpGenerator : Generator
    {
        public override Permission Permission(string key, string value, bool forTcp) => new() { DestinationIp = Cidr(value) };
    }

    private sealed class DestinationPortGenerator : Generator
    {
        public override Permission Permission(string key, string value, bool forTcp)
            => uint.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var port) && port <= 65535
                ? new Permission { DestinationPort = port }
                : throw new RbacRuleException("not a port number");
    }

    private sealed class ConnectionSniGenerator : Generator
    {
        public override Permission Permission(string key, string value, bool forTcp) => new() { RequestedServerName = IstioMatchers.String(value) };
    }

    private sealed class EnvoyFilterGenerator : Generator
    {
        // experimental.envoy.filters.a.b[c]: the filter envoy.filters.a.b, the metadata key c; "[v]" matches a list element.
        public override Permission Permission(string key, string value, bool forTcp)
        {
            var parts = key["experimental.".Length..].TrimEnd(']').Split('[', 2);
            if (parts.Length != 2)
            {
                throw new RbacRuleException($"invalid key {key}");
            }

            var metadata = value.StartsWith('[') && value.EndsWith(']')
                ? IstioMatchers.MetadataList(parts[0], [parts[1]], IstioMatchers.String(value.Trim('[', ']')))
                : IstioMatchers.MetadataString(parts[0], parts[1], IstioMatchers.String(value));
            return new Permission { Metadata = metadata };
        }
    }

    private sealed class SourceIpGenerator : Generator
    {
        public override Principal Principal(string key, string value, bool forTcp) => new() { DirectRemoteIp = Cidr(value) };
    }

    private sealed class RemoteIpGenerator : Generator
    {
        public override Principal Principal(string key, string value, bool forTcp) => new() { RemoteIp = Cidr(value) };
    }

    private sealed class SourceNamespaceGenerator : Generator
    {
        public override Principal Principal(string key, string value, bool forTcp)
            => Authenticated(IstioMatchers.Regex($".*/ns/{value.Replace("*", ".*", StringComparison.Ordinal)}/.*"));
    }

    private sealed class SourcePrincipalGenerator : Generator
    {
        public override Principal Principal(string key, string value, bool forTcp) => Authenticated(IstioMatchers.StringWithPrefix(value, "spiffe://"));
    }

    private sealed class SourceServiceAccountGenerator : Generator
    {
        // namespace/name: any trust domain, that namespace and service account.
        public override Principal Principal(string key, string value, bool forTcp)
        {
            var slash = value.IndexOf('/', StringComparison.Ordinal);
            if (slash <= 0 || slash == value.Length - 1 || value.IndexOf('/', slash + 1) >= 0)
            {
                throw new RbacRuleException("not of the form namespace/name");
            }

            return Authenticated(new StringMatcher { Suffix = $"/ns/{value[..slash]}/sa/{value[(slash + 1)..]}" });
        }
    }

    private sealed class RequestAuthGenerator : Generator
    {
        public override Principal Principal(string key, string value, bool forTcp)
        {
            HttpOnly(forTcp);
            return new Principal { Metadata = IstioMatchers.MetadataString(AuthnFilter, key, IstioMatchers.String(value)) };
        }
    }

    private sealed class RequestHeaderGenerator : Generator
    {
        public override Principal Principal(string key, string value, bool forTcp)
        {
            HttpOnly(forTcp);
            var names = Brackets(key[RequestHeaders.Length..], nested: false);
            return new Principal { Header = IstioMatchers.Header(names[0], value) };
        }
    }

    private sealed class RequestClaimGenerator : Generator
    {
        public override Principal Principal(string key, string value, bool forTcp)
        {
            HttpOnly(forTcp);
            var claims = Brackets(key[RequestClaims.Length..], nested: true);
            return new Principal { Metadata = IstioMatchers.MetadataList(AuthnFilter, [RequestClaims, .. claims], IstioMatchers.String(value)) };
        }
    }

    private sealed class HostGenerator : Generator
    {
        public override Permission Permission(string key, string value, bool forTcp)
        {
            HttpOnly(forTcp);
            return new Permission { Header = IstioMatchers.Host(key, value) };
        }
    }

    private sealed class MethodGenerator : Generator
    {
        public override Permission Permission(string key, string value, bool forTcp)
        {
            HttpOnly(forTcp);
            return new Permission { Header = IstioMatchers.Header(key, value) };
        }
    }

    private sealed class PathGenerator : Generator
    {
        public override Permission Permission(string key, string value, bool forTcp)
        {
            HttpOnly(forTcp);
            if (value.Contains("{*", StringComparison.Ordinal))
            {
                throw new RbacRuleException("path templates ({*}, {**}) are not supported");
            }

            return new Permission { UrlPath = IstioMatchers.Path(value) };
        }
    }

    private sealed class UnsupportedGenerator : Generator
    {
        public override Principal Principal(string key, string value, bool forTcp) => throw new RbacRuleException("not supported by the RBAC builder");
    }

    /// <summary>Istio's <c>extractNameInBrackets</c> (<c>[name]</c>) and <c>extractNameInNestedBrackets</c> (<c>[a][b]</c>).</summary>
    private static List<string> Brackets(string text, bool nested)
    {
        if (!text.StartsWith('[') || !text.EndsWith(']') || text.Length < 3)
        {
            throw new RbacRuleException($"expecting the form [<NAME>], found '{text}'");
        }

        var inner = text[1..^1];
        if (!nested)
        {
            return [inner];
        }

        var names = inner.Split("][", StringSplitOptions.None).ToList();
        if (names.Any(static n => n.Length == 0 || n.Contains('[', StringComparison.Ordinal) || n.Contains(']', StringComparison.Ordinal)))
        {
            throw new RbacRuleException($"expecting the form [<NAME>] or [<NAME>][<NAME>]..., found '{text}'");
        }

        return names;
    }
}
