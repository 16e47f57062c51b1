using ShLogin.Hosting.Resources;
using ShLogin.Stack;

namespace ShLogin.Hosting.Tests.Resources;

public sealed class ProjectResourceTests
{
    [Fact]
    public void A_project_is_built_by_dotnet_run_unless_a_build_configuration_is_given()
    {
        var builder = DistributedApplicationBuilder.Create();
        var project = builder.AddProject("login", "/src/App/App.csproj", "serve").WithArgs("--socket", "/run/a.sock");

        var (fileName, arguments) = project.Resource.GetCommandLine();

        Assert.Equal("dotnet", fileName);
        Assert.Equal(["run", "--project", "/src/App/App.csproj", "--no-launch-profile", "--", "serve", "--socket", "/run/a.sock"], arguments);
        Assert.Equal(ResourceKind.Project, project.Resource.Kind);
    }

    [Fact]
    public void With_the_AppHost_build_configuration_a_project_runs_without_building_in_that_configuration()
    {
        var builder = DistributedApplicationBuilder.Create(new DistributedApplicationOptions { ProjectBuildConfiguration = "Release" });
        var project = builder.AddProject("app", "/src/App", "demo");

        var (_, arguments) = project.Resource.GetCommandLine();

        Assert.Equal(["run", "--project", "/src/App", "--no-build", "--configuration", "Release", "--no-launch-profile", "--", "demo"], arguments);
    }

    [Fact]
    public void CreateBuilder_keeps_the_arguments_and_runs_projects_in_the_entry_assembly_configuration()
    {
        var builder = DistributedApplication.CreateBuilder(["--workload", "jupyter"]);

        Assert.Equal(["--workload", "jupyter"], builder.Options.Args);
#if DEBUG
        Assert.Equal("Debug", builder.Options.ProjectBuildConfiguration);
#else
        Assert.Equal("Release", builder.Options.ProjectBuildConfiguration);
#endif
    }
}
