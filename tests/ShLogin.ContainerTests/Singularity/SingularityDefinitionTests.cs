using System.Formats.Tar;
using System.Text.Json;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using ShLogin.ContainerTests.Infrastructure;

namespace ShLogin.ContainerTests.Singularity;

/// <summary>
/// Singularity.def is checked without Apptainer (not installable here): what Apptainer's parser
/// requires, what the runscripts run, what the help promises, and that everything it names exists:
/// the archive it bootstraps from and, inside that image, every program its scripts call.
/// </summary>
public sealed partial class SingularityDefinitionTests
{
    private static readonly HashSet<string> KnownSections =
    [
        "setup", "files", "environment", "post", "runscript", "startscript", "test", "labels", "help", "arguments",
        "appinstall", "apphelp", "apprun", "applabels", "appenv", "appfiles", "appstart", "apptest",
    ];

    private static readonly HashSet<string> KnownHeaderKeywords = new(StringComparer.OrdinalIgnoreCase)
    {
        "Bootstrap", "From", "Stage", "Registry", "Namespace", "IncludeCmd", "Fingerprints", "Library",
        "MirrorURL", "OSVersion", "Include", "UpdateURL", "SetOpt",
    };

    private static readonly HashSet<string> ContainerImageBootstraps = ["docker", "docker-daemon", "docker-archive", "oci", "oci-archive", "localimage"];

    private static SingularityDefinition Definition => SingularityDefinition.OfRepository;

    [Fact]
    public void The_header_bootstraps_from_a_container_image_with_known_keywords_only()
    {
        Assert.All(Definition.Header.Keys, key => Assert.Contains(key, KnownHeaderKeywords));
        Assert.Contains(Definition.Header["Bootstrap"], ContainerImageBootstraps);
        Assert.False(string.IsNullOrWhiteSpace(Definition.Header["From"]));
    }

    [Fact]
    public void Every_section_is_one_Apptainer_knows_and_none_is_repeated()
    {
        var names = Definition.Sections.Select(section => section.Key.Split(' ')[0]).ToList();

        Assert.All(names, name => Assert.Contains(name, KnownSections));
        Assert.Equal(names.Count, names.Distinct(StringComparer.Ordinal).Count());
        Assert.Superset(new HashSet<string> { "runscript", "startscript", "environment", "help", "labels" }, names.ToHashSet());
    }

    [Theory]
    [InlineData("runscript")]
    [InlineData("startscript")]
    public void Run_and_instance_start_exec_sh_login_start_with_the_callers_arguments(string section)
    {
        var commands = SingularityDefinition.Commands(Definition.Section(section) ?? string.Empty);

        Assert.Matches(ExecShLoginStart(), Assert.Single(commands));
    }

    [Fact]
    public async Task The_shell_sections_are_valid_sh()
    {
        foreach (var section in new[] { "environment", "runscript", "startscript", "test" })
        {
            var body = Definition.Section(section);
            Assert.NotNull(body);
            var check = await ProcessRunner.RunAsync("/bin/sh", ["-n", "-c", body], new Dictionary<string, string?>(), TimeSpan.FromSeconds(10));
            Assert.True(check.ExitCode == 0, $"%{section} is not valid sh: {check}");
        }
    }

    [Fact]
    public void The_help_explains_the_ssh_tunnel_to_the_loopback_port_and_how_to_run_it()
    {
        var help = Definition.Section("help") ?? string.Empty;

        Assert.Matches(SshTunnelToLoopback(), help);
        Assert.Contains("apptainer run", help, StringComparison.Ordinal);
        Assert.Contains("apptainer instance start", help, StringComparison.Ordinal);
    }

    [Fact]
    public void The_labels_are_name_value_pairs_and_the_version_is_the_projects()
    {
        var labels = SingularityDefinition.Commands(Definition.Section("labels") ?? string.Empty)
            .Select(line => line.Split(' ', 2))
            .ToList();

        Assert.All(labels, label => Assert.True(label.Length == 2 && label[1].Trim().Length > 0, $"Label '{string.Join(' ', label)}' has no value."));
        var version = XDocument.Load(Path.Combine(RepositoryPaths.Root, "Directory.Build.props")).Descendants("Version").Single().Value;
        Assert.Equal(version, labels.Single(label => label[0] == "org.opencontainers.image.version")[1]);
    }

    [Fact]
    public async Task The_archive_it_bootstraps_from_is_the_jupyter_image_as_containers_build_writes_it()
    {
        Assert.Equal("docker-archive", Definition.Header["Bootstrap"]);
        var archive = Path.Combine(RepositoryPaths.Root, Definition.Header["From"]);
        if (!File.Exists(archive))
        {
            Requirements.Missing($"{archive} is not there (containers/build --archive writes it; tests/run does).");
        }

        Assert.Contains(ContainerImages.Jupyter, await RepositoryTagsAsync(archive));
    }

    [Fact]
    public async Task Every_program_its_scripts_call_exists_in_the_image_and_its_test_section_passes()
    {
        var image = await ContainerImages.RequireAsync(ContainerImages.Jupyter);
        var scripts = string.Join('\n', new[] { "runscript", "startscript", "test" }.Select(name => Definition.Section(name)));
        var programs = AbsoluteProgram().Matches(scripts).Select(match => match.Groups["path"].Value).Distinct().ToList();
        Assert.NotEmpty(programs);

        foreach (var program in programs)
        {
            var found = await Containers.RunToEndAsync(Containers.Of(image).WithEntrypoint("/usr/bin/test").WithCommand("-x", program));
            Assert.True(found.ExitCode == 0, $"{program}, called by Singularity.def, is not an executable in {image}: {found}");
        }

        // What `apptainer test` runs, with the image's user and the def's environment.
        var test = await Containers.RunToEndAsync(Containers.Of(image).WithEntrypoint("/bin/sh").WithCommand("-c", Definition.Section("environment") + "\n" + Definition.Section("test")));
        Assert.True(test.ExitCode == 0, $"%test failed in {image}: {test}");
    }

    // docker-archive: manifest.json lists the image's tags.
    private static async Task<IReadOnlyList<string>> RepositoryTagsAsync(string archive)
    {
        await using var stream = File.OpenRead(archive);
        using var tar = new TarReader(stream);
        while (await tar.GetNextEntryAsync() is { } entry)
        {
            if (entry.Name.TrimStart('.', '/') == "manifest.json" && entry.DataStream is not null)
            {
                using var manifest = await JsonDocument.ParseAsync(entry.DataStream);
                return [.. manifest.RootElement.EnumerateArray()
                    .SelectMany(image => image.TryGetProperty("RepoTags", out var tags) ? tags.EnumerateArray() : Enumerable.Empty<JsonElement>())
                    .Select(tag => tag.GetString()!)];
            }
        }

        Assert.Fail($"{archive} has no manifest.json: it is not a docker-archive.");
        return [];
    }

    [GeneratedRegex("""^exec\s+(/usr/local/bin/)?sh-login\s+start\s+--default-app\s+jupyter\s+"\$@"$""")]
    private static partial Regex ExecShLoginStart();

    [GeneratedRegex(@"ssh\s+(-N\s+)?-L\s+(\w+):127\.0\.0\.1:\2\b")]
    private static partial Regex SshTunnelToLoopback();

    [GeneratedRegex(@"(?<![\w$])(?<path>/(usr|bin|sbin|opt)/[\w./-]+)")]
    private static partial Regex AbsoluteProgram();
}
