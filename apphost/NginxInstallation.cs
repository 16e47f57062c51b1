using ShLogin.Stack;



namespace ShLogin.AppHost;

/// <summary>Finds nginx; installs it with apt-get when that is possible (root on Debian/Ubuntu), else says how.</summary>
internal static class NginxInstallation
{
    private static readonly TimeSpan InstallTimeout = TimeSpan.FromMinutes(10);

    private static readonly (string Program, string Command)[] PackageManagers =
    [
        ("apt-get", "apt-get install -y nginx"),
        ("dnf", "dnf install -y nginx"),
        ("yum", "yum install -y nginx"),
        ("zypper", "zypper install -y nginx"),
        ("apk", "apk add nginx"),
        ("pacman", "pacman -S --noconfirm nginx"),
    ];

    /// <summary>The nginx program, installed first if needed and possible.</summary>
    /// <exception cref="AppHostUsageException">nginx is missing and cannot be installed here; the message is the command that installs it.</exception>
    public static async Task<string> FindOrInstallAsync(TextWriter log)
    {
        ArgumentNullException.ThrowIfNull(log);
        if (StackDescription.FindNginx() is { } nginx)
        {
            return nginx;
        }

        var aptGet = ExecutableLocator.Find("apt-get", (Environment.GetEnvironmentVariable("PATH") ?? string.Empty) + ":" + StackDescription.NginxSearchPath);
        if (!Environment.IsPrivilegedProcess || aptGet is null)
        {
            throw new AppHostUsageException("nginx is not installed; install it with: " + InstallCommand());
        }

        await log.WriteLineAsync(AppHostErrors.Prefix + "nginx is not installed; installing it: apt-get install -y nginx");
        if (await AptGetAsync(aptGet, log, "install", "-y", "nginx") != 0)
        {
            await log.WriteLineAsync(AppHostErrors.Prefix + "apt-get install failed; updating the package lists and trying again");
            if (await AptGetAsync(aptGet, log, "update") == 0)
            {
                await AptGetAsync(aptGet, log, "install", "-y", "nginx");
            }
        }

        return StackDescription.FindNginx()
            ?? throw new AppHostUsageException("nginx could not be installed (apt-get's output is above); install it with: apt-get install -y nginx");
    }

    private static async Task<int> AptGetAsync(string aptGet, TextWriter log, params string[] arguments)
    {
        var (exitCode, _) = await ProcessOutput.RunAsync(
            aptGet,
            arguments,
            InstallTimeout,
            line => log.WriteLine("[apt-get] " + line),
            new Dictionary<string, string>(StringComparer.Ordinal) { ["DEBIAN_FRONTEND"] = "noninteractive" });
        return exitCode;
    }

    private static string InstallCommand()
    {
        var sudo = Environment.IsPrivilegedProcess ? string.Empty : "sudo ";
        foreach (var (program, command) in PackageManagers)
        {
            if (ExecutableLocator.Find(program) is not null)
            {
                return sudo + command;
            }
        }

        return ExecutableLocator.Find("brew") is not null ? "brew install nginx" : sudo + "apt-get install -y nginx";
    }
}
