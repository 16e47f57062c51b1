using ShLogin.AppHost;

// The ShLogin stack for development, on .NET Aspire: DCP runs nginx in front of the login
// service and a protected app, and the dashboard shows them. The stack is the one
// src/ShLogin.Stack describes, as `sh-login start` runs it.
//   dotnet run --project apphost [-- --workload demo|jupyter|"COMMAND"] [--containers] [--otp-server sqlite|postgres] [--ready-file PATH] [--startup-timeout SECONDS]
return await AppHostErrors.RunAsync(async () =>
{
    var options = AppHostOptions.Parse(args, Environment.CurrentDirectory);
    if (options.ShowHelp)
    {
        Console.WriteLine(AppHostOptions.Usage);
        return 0;
    }

    var builder = DistributedApplication.CreateBuilder(args);

    // Settings from SH_LOGIN_* and the options, secrets, ports, the private runtime directory; nginx installed if missing.
    using var stack = await AppHostStack.PrepareAsync(builder, options, Console.Error);

    var login = builder.AddShLoginService(stack);
    var app = builder.AddShLoginWorkload(stack);
    builder.AddShLoginNginx(stack)
        .WaitFor(login)
        .WaitFor(app);

    // With --otp-server: the OTP server for micro services beside the stack, on its own store.
    if (stack.OtpServer is { } otpServer)
    {
        var otp = builder.AddShLoginOtpServer(otpServer);
        if (otpServer.Postgres is { } cluster)
        {
            otp.WaitFor(builder.AddShLoginPostgres(cluster));
        }
    }

    StackStartup.AddTo(builder, stack);
    await using var application = builder.Build();
    await application.RunAsync();
    return StackStartup.Failed ? 1 : 0;
});
