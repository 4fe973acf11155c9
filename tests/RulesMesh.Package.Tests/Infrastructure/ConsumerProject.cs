using System.Text.Json;
using System.Text.RegularExpressions;

namespace RulesMesh.Package.Tests.Infrastructure;

/// <summary>Writing, building and running the throw-away projects that consume the packed RulesMesh package.</summary>
internal static partial class ConsumerProject
{
    /// <summary>A consumer's own CRD: group example.com, kind Widget, v1 (storage) with a string, an int32, an enum and a map.</summary>
    public const string WidgetCrd = """
        apiVersion: apiextensions.k8s.io/v1
        kind: CustomResourceDefinition
        metadata:
          name: widgets.example.com
        spec:
          group: example.com
          scope: Namespaced
          names:
            kind: Widget
            listKind: WidgetList
            plural: widgets
            singular: widget
          versions:
            - name: v1
              served: true
              storage: true
              schema:
                openAPIV3Schema:
                  type: object
                  properties:
                    spec:
                      type: object
                      required: [displayName, replicas, color]
                      properties:
                        displayName:
                          type: string
                          description: Name shown to people.
                        replicas:
                          type: integer
                          format: int32
                          minimum: 0
                        color:
                          type: string
                          enum: [Red, Green, Blue]
                        labels:
                          type: object
                          additionalProperties:
                            type: string

        """;

    /// <summary>Compiler and analyzer-host failures that must never appear when the package is consumed.</summary>
    public static readonly string[] ForbiddenDiagnostics = ["CS8785", "CS8784", "CS8032", "CS8033", "AD0001", "CS9057", "MSB3277", "MSB3245", "NU1603", "NU1605"];

    /// <summary>Writes <c>&lt;name&gt;.csproj</c> into <paramref name="directory"/>; the SARIF log path is returned for <see cref="ReadSarif"/>.</summary>
    public static string WriteProject(string directory, string name, string body)
    {
        File.WriteAllText(Path.Combine(directory, name + ".csproj"), body);
        return Path.Combine(directory, "obj", "diagnostics.sarif");
    }

    /// <summary>Project properties shared by every consumer: strict, and logging every compiler diagnostic as SARIF.</summary>
    public const string CommonProperties = """
            <TargetFramework>net10.0</TargetFramework>
            <Nullable>enable</Nullable>
            <ImplicitUsings>enable</ImplicitUsings>
            <TreatWarningsAsErrors>true</TreatWarningsAsErrors>
            <ManagePackageVersionsCentrally>false</ManagePackageVersionsCentrally>
            <EmitCompilerGeneratedFiles>true</EmitCompilerGeneratedFiles>
            <ErrorLog>$(MSBuildProjectDirectory)/obj/diagnostics.sarif,version=2.1</ErrorLog>
        """;

    /// <summary>Builds a consumer project warning-free (warnings are errors) with fresh build processes.</summary>
    public static DotNetResult Build(string projectPath)
        => DotNetCli.Run(Path.GetDirectoryName(projectPath)!,
        [
            "build", projectPath,
            "--configuration", "Debug",
            "-p:TreatWarningsAsErrors=true",
            "-p:UseSharedCompilation=false",
            "-nodeReuse:false",
            "-tl:off",
            "-v:normal",
        ]);

    /// <summary>Runs a built consumer through the dotnet host.</summary>
    public static DotNetResult Run(string assemblyPath)
        => DotNetCli.Run(Path.GetDirectoryName(assemblyPath)!, [assemblyPath], TimeSpan.FromMinutes(2));

    /// <summary>Asserts a clean build: exit code 0, no warnings, none of <see cref="ForbiddenDiagnostics"/>, no assembly load failures.</summary>
    public static void AssertCleanBuild(DotNetResult build)
    {
        var details = build.Describe();
        Assert.True(build.ExitCode == 0, "Consumer build failed." + Environment.NewLine + details);
        var all = build.StandardOutput + build.StandardError;
        foreach (var code in ForbiddenDiagnostics)
        {
            // As reported ("warning CS8032: ..."), not as listed in a command line ("/warnaserror+:NU1605").
            var reported = Regex.Match(all, $@"\b{code}\s*:");
            Assert.False(reported.Success, $"Build output reports {code}." + Environment.NewLine + details);
        }

        Assert.False(all.Contains("could not load", StringComparison.OrdinalIgnoreCase), "Build output reports an assembly that could not be loaded." + Environment.NewLine + details);
        Assert.False(all.Contains("FileNotFoundException", StringComparison.Ordinal), "Build output reports a missing file or assembly." + Environment.NewLine + details);
        Assert.False(all.Contains("ReflectionTypeLoadException", StringComparison.Ordinal), "Build output reports a type load failure." + Environment.NewLine + details);
        var warning = WarningLine().Match(all);
        Assert.False(warning.Success, $"Build output has a warning: {warning.Value}" + Environment.NewLine + details);
        Assert.Contains("0 Warning(s)", all, StringComparison.Ordinal);
    }

    /// <summary>Every result in the compiler's SARIF log: rule id, level and message.</summary>
    public static IReadOnlyList<(string RuleId, string Level, string Message)> ReadSarif(string path)
    {
        Assert.True(File.Exists(path), "The compiler wrote no SARIF log at " + path);
        using var document = JsonDocument.Parse(File.ReadAllText(path));
        var results = new List<(string, string, string)>();
        foreach (var run in document.RootElement.GetProperty("runs").EnumerateArray())
        {
            if (!run.TryGetProperty("results", out var items))
            {
                continue;
            }

            foreach (var item in items.EnumerateArray())
            {
                var ruleId = item.TryGetProperty("ruleId", out var id) ? id.GetString() ?? string.Empty : string.Empty;
                var level = item.TryGetProperty("level", out var lvl) ? lvl.GetString() ?? "warning" : "warning";
                var message = item.TryGetProperty("message", out var msg) && msg.TryGetProperty("text", out var text) ? text.GetString() ?? string.Empty : string.Empty;
                results.Add((ruleId, level, message));
            }
        }

        return results;
    }

    /// <summary>
    /// Asserts the compiler's own record of the build: nothing failed or warned, and nothing was reported about the
    /// kinds RulesMesh ships (RM0004/RM0007 notes for files the project never handed the generator).
    /// </summary>
    public static void AssertSarif(string sarifPath, DotNetResult build)
    {
        var results = ReadSarif(sarifPath);
        var listing = string.Join(Environment.NewLine, results.Select(r => $"{r.RuleId} [{r.Level}] {r.Message}"));
        foreach (var code in ForbiddenDiagnostics)
        {
            Assert.False(results.Any(r => r.RuleId == code), $"The compiler reported {code}:{Environment.NewLine}{listing}{Environment.NewLine}{build.Describe()}");
        }

        var serious = results.Where(r => r.Level is "warning" or "error").ToList();
        Assert.True(serious.Count == 0, "The compiler reported warnings or errors:" + Environment.NewLine + listing);
        Assert.True(
            !results.Any(r => r.RuleId.StartsWith("RM", StringComparison.Ordinal)),
            "The consumer's own CRD is new and its rules are right, so no RulesMesh diagnostic is due. SARIF results:" + Environment.NewLine + listing);
    }

    /// <summary>The lines of a consumer's output that start with <paramref name="prefix"/>, prefix removed.</summary>
    public static IReadOnlyList<string> Lines(DotNetResult run, string prefix)
        => run.StandardOutput.Split('\n')
            .Select(line => line.TrimEnd('\r'))
            .Where(line => line.StartsWith(prefix, StringComparison.Ordinal))
            .Select(line => line[prefix.Length..])
            .ToList();

    [GeneratedRegex(@":\s+warning\s+[A-Z]+[0-9]+", RegexOptions.IgnoreCase)]
    private static partial Regex WarningLine();
}
