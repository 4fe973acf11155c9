using System.Globalization;
using System.Text;

namespace RulesMesh.LoadTests;

/// <summary>
/// The file the storm rewrites: one STATIC ServiceEntry per waypoint namespace whose inline endpoint address changes
/// with every edit, so every waypoint's configuration changes. Written as tools do: a temporary file renamed over it.
/// </summary>
internal sealed class StormFile(string path, int namespaces)
{
    public void Write(int edit)
    {
        var text = new StringBuilder();
        for (var ns = 0; ns < namespaces; ns++)
        {
            text.Append(CultureInfo.InvariantCulture, $"""
                ---
                apiVersion: networking.istio.io/v1
                kind: ServiceEntry
                metadata:
                  name: storm
                  namespace: ns-{ns}
                spec:
                  hosts: [storm-{ns}.example.com]
                  ports:
                  - number: 80
                    name: http
                    protocol: HTTP
                  resolution: STATIC
                  endpoints:
                  - address: 10.250.{edit / 256}.{edit % 256}

                """);
        }

        var temporary = path + ".tmp";
        File.WriteAllText(temporary, text.ToString());
        File.Move(temporary, path, overwrite: true);
    }
}
