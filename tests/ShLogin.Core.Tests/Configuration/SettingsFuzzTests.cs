using System.Globalization;
using System.Net;
using System.Text;
using ShLogin.Configuration;

namespace ShLogin.Tests.Configuration;

/// <summary>
/// Random SH_LOGIN_* values (a fixed seed, a bounded number of cases): whatever a user or a
/// hostile environment sets, the reader either returns settings nginx can take or throws one
/// <see cref="ConfigurationException"/> line naming the variable, never anything else, and never
/// echoes a secret.
/// </summary>
public sealed class SettingsFuzzTests
{
    private const int Seed = 20261201;
    private const int Cases = 3000;
    private const string Cwd = "/home/user/project";

    private static readonly string[] Variables =
    [
        EnvironmentVariableNames.Token, EnvironmentVariableNames.Mode, EnvironmentVariableNames.TotpSecret,
        EnvironmentVariableNames.TotpSecretFile, EnvironmentVariableNames.Nginx, EnvironmentVariableNames.Bind,
        EnvironmentVariableNames.Port, EnvironmentVariableNames.AuthPort, EnvironmentVariableNames.FlaskPort,
        EnvironmentVariableNames.TmpDir, EnvironmentVariableNames.Cmd, EnvironmentVariableNames.App,
        EnvironmentVariableNames.SessionTtl, EnvironmentVariableNames.CookieDomain, EnvironmentVariableNames.SecureCookie,
        SettingsReader.TemporaryDirectoryVariable,
    ];

    // Values that are almost right are the interesting ones: pieces of valid values plus syntax.
    private static readonly string[] Pieces =
    [
        "/", "/tmp", "..", ".", "rt", "127.0.0.1", "::1", "[", "]", ":", "0", "8080", "65535", "65536", "-1", "+", "0x",
        "totp", "token", "+", "jupyter", "demo", "12h", "30m", "7d", "s", "on", "off", "auto", "example.org", ".",
        "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ", "=", "\"", "'", "\\", "$", ";", "{", "}", " ", "\t", "\n", "\r", "\0",
        "\u00e9", "\u202e", "\ud83d\ude00", "%", "#", "include /etc/passwd;", "localhost", "0.0.0.0", "8.8.8.8",
    ];

    [Fact]
    public void Random_values_give_valid_settings_or_one_line_naming_the_variable()
    {
        var random = new Random(Seed);
        var files = new FakeSettingsFileSystem().WithFile(Cwd + "/.totp_secret", "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ");
        var reader = new SettingsReader(files, new OnlyLoopback());
        for (var i = 0; i < Cases; i++)
        {
            var environment = new Dictionary<string, string?>(StringComparer.Ordinal);
            var count = random.Next(1, 4);
            for (var v = 0; v < count; v++)
            {
                environment[Variables[random.Next(Variables.Length)]] = RandomValue(random);
            }

            var description = string.Join(", ", environment.Select(e => $"{e.Key}={Escape(e.Value)}"));
            try
            {
                AssertUsable(reader.Read(environment, StartFlags.None, Cwd), description);
            }
            catch (ConfigurationException error)
            {
                AssertOneLineNamingASetting(error, environment, description);
            }
            catch (Exception unexpected)
            {
                Assert.Fail($"case {i} ({description}): {unexpected.GetType().Name}: {unexpected.Message}");
            }
        }
    }

    private static void AssertUsable(ShLoginSettings settings, string description)
    {
        foreach (var path in new[] { settings.TmpDir, settings.TemporaryRoot })
        {
            if (path is not null)
            {
                Assert.True(path.StartsWith('/'), $"{description}: a relative runtime path {Escape(path)}");
                Assert.True(Nginx.NginxValue.FindProblem(path) is null, $"{description}: nginx cannot hold {Escape(path)}");
            }
        }

        Assert.True(settings.Bind == "localhost" || IPAddress.TryParse(settings.Bind, out _), $"{description}: bind {Escape(settings.Bind)}");
        foreach (var port in new[] { settings.NginxPort, settings.AppPort, settings.AuthPort })
        {
            Assert.True(port is null or >= 1 and <= 65535, $"{description}: port {port}");
        }

        Assert.True(settings.SessionTtl > TimeSpan.Zero, description);
    }

    private static void AssertOneLineNamingASetting(ConfigurationException error, Dictionary<string, string?> environment, string description)
    {
        Assert.DoesNotContain('\n', error.Message);
        Assert.DoesNotContain('\r', error.Message);
        Assert.True(
            environment.ContainsKey(error.Setting) || error.Setting == SettingsReader.WorkingDirectorySecretFileName,
            $"{description}: the error names {error.Setting}: {error.Message}");
        Assert.StartsWith(error.Setting + "=", error.Message, StringComparison.Ordinal);
        foreach (var secret in new[] { EnvironmentVariableNames.Token, EnvironmentVariableNames.TotpSecret })
        {
            if (environment.GetValueOrDefault(secret) is { Length: >= 8 } value && error.Setting == secret)
            {
                Assert.DoesNotContain(value.Trim(), error.Message, StringComparison.Ordinal);
            }
        }
    }

    private static string RandomValue(Random random)
    {
        var text = new StringBuilder();
        var parts = random.Next(1, 6);
        for (var p = 0; p < parts; p++)
        {
            text.Append(random.Next(3) switch
            {
                0 => Pieces[random.Next(Pieces.Length)],
                1 => ((char)random.Next(0x20, 0x7F)).ToString(),
                _ => ((char)random.Next(0, 0x3000)).ToString(),
            });
        }

        return text.ToString();
    }

    private static string Escape(string? value) =>
        value is null ? "(null)" : string.Concat(value.Select(c => c is < ' ' or > '~' ? string.Create(CultureInfo.InvariantCulture, $"\\u{(int)c:x4}") : c.ToString()));

    private sealed class OnlyLoopback : ILocalAddresses
    {
        public bool CanListenOn(IPAddress address) => IPAddress.IsLoopback(address) || address.Equals(IPAddress.Any) || address.Equals(IPAddress.IPv6Any);
    }
}
