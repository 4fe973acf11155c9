using RulesMesh.Package.Tests.Infrastructure;

namespace RulesMesh.Package.Tests;

/// <summary>
/// The test host runs under the MSBuild that `dotnet test` started and inherits its variables. A child `dotnet build`
/// that sees them is pinned to the parent's MSBuild and SDK, or breaks; <see cref="DotNetCli"/> clears them.
/// </summary>
public sealed class DotNetEnvironmentTests(ITestOutputHelper output)
{
    private static readonly Dictionary<string, string> Poison = new()
    {
        ["MSBuildSDKsPath"] = "/nonexistent/rulesmesh/Sdks",
        ["MSBuildExtensionsPath"] = "/nonexistent/rulesmesh/msbuild",
        ["MSBUILD_EXE_PATH"] = "/nonexistent/rulesmesh/MSBuild.dll",
        ["DOTNET_HOST_PATH"] = "/nonexistent/rulesmesh/dotnet",
    };

    [Fact]
    public void Sanitize_removes_inherited_MSBuild_variables_and_sets_quiet_cli_variables()
    {
        var environment = new Dictionary<string, string?>(StringComparer.Ordinal)
        {
            ["MSBuildSDKsPath"] = "x",
            ["MSBUILDNOINPROCNODE"] = "1",
            ["msbuildextensionspath"] = "x",
            ["MSBUILD_EXE_PATH"] = "x",
            ["DOTNET_HOST_PATH"] = "x",
            ["PATH"] = "/usr/bin",
            ["HOME"] = "/home/test",
        };

        DotNetCli.Sanitize(environment);

        Assert.False(environment.ContainsKey("MSBuildSDKsPath"));
        Assert.False(environment.ContainsKey("MSBUILDNOINPROCNODE"));
        Assert.False(environment.ContainsKey("msbuildextensionspath"));
        Assert.False(environment.ContainsKey("MSBUILD_EXE_PATH"));
        Assert.False(environment.ContainsKey("DOTNET_HOST_PATH"));
        Assert.Equal("/usr/bin", environment["PATH"]);
        Assert.Equal("/home/test", environment["HOME"]);
        Assert.Equal("1", environment["DOTNET_CLI_TELEMETRY_OPTOUT"]);
        Assert.Equal("1", environment["DOTNET_NOLOGO"]);
        Assert.Equal("1", environment["MSBUILDDISABLENODEREUSE"]);
    }

    [Fact]
    public void Child_build_with_leaked_MSBuild_variables_breaks_and_the_sanitized_one_works()
    {
        foreach (var name in Environment.GetEnvironmentVariables().Keys.Cast<string>().Where(DotNetCli.IsInheritedBuildVariable).Order(StringComparer.Ordinal))
        {
            output.WriteLine("inherited by the test host: " + name);
        }

        var directory = Path.Combine(Path.GetTempPath(), "rulesmesh-envtest-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(directory);
        try
        {
            File.WriteAllText(Path.Combine(directory, "Directory.Build.props"), "<Project />\n");
            File.WriteAllText(Path.Combine(directory, "Directory.Build.targets"), "<Project />\n");
            File.WriteAllText(Path.Combine(directory, "Probe.csproj"), """
                <Project Sdk="Microsoft.NET.Sdk">
                  <PropertyGroup>
                    <TargetFramework>net10.0</TargetFramework>
                    <ManagePackageVersionsCentrally>false</ManagePackageVersionsCentrally>
                  </PropertyGroup>
                </Project>
                """);
            string[] arguments = ["msbuild", "Probe.csproj", "-getProperty:MSBuildSDKsPath", "-nologo"];

            var leaked = DotNetCli.Run(directory, arguments, TimeSpan.FromMinutes(2), Poison, sanitize: false);
            Assert.True(leaked.ExitCode != 0 || leaked.StandardOutput.Contains("/nonexistent/", StringComparison.Ordinal), "The poisoned environment was expected to misdirect MSBuild." + Environment.NewLine + leaked.Describe());

            var sanitized = DotNetCli.Run(directory, arguments, TimeSpan.FromMinutes(2), Poison);
            Assert.True(sanitized.ExitCode == 0, sanitized.Describe());
            var sdks = sanitized.StandardOutput.Trim();
            Assert.True(Directory.Exists(sdks) && File.Exists(Path.Combine(sdks, "Microsoft.NET.Sdk", "Sdk", "Sdk.props")), "MSBuildSDKsPath should be the real SDK's." + Environment.NewLine + sanitized.Describe());
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }
}
