using ShLogin.Stack;
using ShLogin.AppHost;
using ShLogin.Hosting;
using ShLogin.Hosting.Resources;
using ShLogin.Hosting.Stack;

// The local development stack, composed like a .NET Aspire AppHost on ShLogin's own hosting layer
// (the one `sh-login start` runs on): nginx in front of the login service and a protected app.
//   dotnet run --project apphost [-- --workload demo|jupyter|"COMMAND"] [--containers] [--ready-file PATH] [--startup-timeout SECONDS]
return await AppHostConsole.RunAsync(async () =>
{
    var builder = DistributedApplication.CreateBuilder(args);
    var options = AppHostOptions.Parse(builder.Options.Args, Environment.CurrentDirectory);
    if (options.ShowHelp)
    {
        Console.WriteLine(AppHostOptions.Usage);
        return 0;
    }

    builder.Options = builder.Options with { StartupTimeout = options.StartupTimeout };

    // Settings from SH_LOGIN_* and the options, secrets, ports, the private runtime directory; nginx installed if missing.
    using var stack = await DevStack.PrepareAsync(options, Console.Error);

    // As for sh-login start: no relayed line shows the token, the TOTP secret or the app's secret.
    builder.Options = builder.Options with { Redactor = StackLogRedaction.For(stack.Secrets, stack.Workload) };

    // The protected app: from its image, the demo project from source, or a program of this host.
    IResourceBuilder<Resource> app = stack.Containers is not null
        ? builder.AddStackContainer("app", stack, stack.WorkloadImage, stack.Workload.Command, stack.Workload.Arguments)
            .WithBindMount(stack.WorkingDirectory, stack.WorkingDirectory)
            .WithContainerRuntimeArgs("--workdir", stack.WorkingDirectory)
        : stack.WorkloadIsDemo
            ? builder.AddProject("app", stack.Repository.CliProject, [.. stack.Workload.Arguments])
            : builder.AddExecutable("app", stack.Workload.Command, stack.WorkingDirectory, [.. stack.Workload.Arguments]);
    app.WithWorkload(stack.Workload, stack.Runtime, restart: false);

    // The login service, run from source; its token and TOTP secret reach it through its environment only.
    var login = builder.AddProject("login", stack.Repository.CliProject, "serve")
        .WithLoginServiceEndpoint(stack.Runtime, stack.Settings.AuthPort, stack.Listen.Port)
        .WithLoginServiceSettings(stack.Settings, stack.Secrets);

    // nginx: the public port; asks the login service about every request and proxies the rest to the app.
    IResourceBuilder<Resource> nginx = stack.Containers is not null
        ? builder.AddStackContainer("nginx", stack, ContainerRuntime.ShLoginImage, "nginx", StackResources.NginxArguments(stack.Runtime))
        : builder.AddExecutable("nginx", stack.NginxProgram!, stack.Runtime.Path, StackResources.NginxArguments(stack.Runtime));
    nginx.WithNginxSite(stack.Runtime, stack.Listen, login, app, stack.Workload)
        .WaitFor(login)
        .WaitFor(app);

    var application = builder.Build();
    application.ResourceStateChanged += AppHostConsole.ReportState;
    application.OnReady(() => AppHostConsole.AnnounceAsync(application, stack));
    return await application.RunAsync();
});
