using System.Text;
using ShLogin.Configuration;
using ShLogin.Files;
using ShLogin.Secrets;

namespace ShLogin.Tests.Configuration;

public class SettingsReaderTests
{
    private const string Cwd = "/home/user/project";

    // RFC 6238's SHA1 test key: 20 bytes.
    private static readonly byte[] RfcKey = Encoding.ASCII.GetBytes("12345678901234567890");
    private static readonly string RfcSecret = Base32.Encode(RfcKey);

    private static ShLoginSettings Read(
        Dictionary<string, string?>? environment = null, StartFlags? flags = null, FakeSettingsFileSystem? files = null) =>
        new SettingsReader(files ?? new FakeSettingsFileSystem(), new FakeLocalAddresses())
            .Read(environment ?? [], flags ?? StartFlags.None, Cwd);

    private static ConfigurationException Fails(
        Dictionary<string, string?>? environment = null, StartFlags? flags = null, FakeSettingsFileSystem? files = null) =>
        Assert.Throws<ConfigurationException>(() => Read(environment, flags, files));

    private static Dictionary<string, string?> Env(string name, string? value) => new() { [name] = value };

    [Fact]
    public void Nothing_configured_gives_the_documented_defaults()
    {
        var settings = Read();

        Assert.Equal(AuthMode.Token, settings.Mode);
        Assert.Null(settings.Token);
        Assert.Null(settings.TotpSecret);
        Assert.Null(settings.TotpSecretSource);
        Assert.Null(settings.NginxPort);
        Assert.Equal("127.0.0.1", settings.Bind);
        Assert.Null(settings.AppPort);
        Assert.Null(settings.AuthPort);
        Assert.Null(settings.TmpDir);
        Assert.Null(settings.Command);
        Assert.Empty(settings.CommandArguments);
        Assert.Null(settings.App);
        Assert.Equal(TimeSpan.FromHours(12), settings.SessionTtl);
        Assert.Null(settings.CookieDomain);
        Assert.Equal(SecureCookieMode.Auto, settings.SecureCookie);
        Assert.Equal(ProxyMode.Auto, settings.Proxy);
        Assert.True(settings.RequiresToken);
        Assert.False(settings.RequiresTotp);
    }

    [Fact]
    public void Empty_and_blank_variables_count_as_unset()
    {
        var settings = Read(new()
        {
            ["SH_LOGIN_NGINX"] = "",
            ["SH_LOGIN_TOKEN"] = "   ",
            ["SH_LOGIN_MODE"] = "",
            ["SH_LOGIN_CMD"] = "",
            ["SH_LOGIN_SESSION_TTL"] = null,
        });

        Assert.Null(settings.NginxPort);
        Assert.Null(settings.Token);
        Assert.Equal(AuthMode.Token, settings.Mode);
        Assert.Null(settings.Command);
        Assert.Equal(TimeSpan.FromHours(12), settings.SessionTtl);
    }

    [Fact]
    public void Unknown_and_old_project_variables_are_ignored()
    {
        var settings = Read(new()
        {
            ["SH_LOGIN_START"] = "no",
            ["SH_LOGIN_SOMETHING_NEW"] = "abc",
            ["SH_LOGIN_NGINX"] = "9100",
        });

        Assert.Equal(9100, settings.NginxPort);
    }

    // Ports

    [Theory]
    [InlineData("SH_LOGIN_NGINX")]
    [InlineData("SH_LOGIN_PORT")]
    [InlineData("SH_LOGIN_AUTH_PORT")]
    [InlineData("SH_LOGIN_FLASK_PORT")]
    public void Ports_accept_1_to_65535(string variable)
    {
        foreach (var (text, port) in new[] { ("1", 1), ("8888", 8888), ("65535", 65535), (" 9001 ", 9001) })
        {
            var settings = Read(Env(variable, text));
            var actual = variable switch
            {
                "SH_LOGIN_NGINX" => settings.NginxPort,
                "SH_LOGIN_PORT" => settings.AppPort,
                _ => settings.AuthPort,
            };
            Assert.Equal(port, actual);
        }
    }

    [Theory]
    [InlineData("SH_LOGIN_NGINX", "abc")]
    [InlineData("SH_LOGIN_NGINX", "0")]
    [InlineData("SH_LOGIN_NGINX", "70000")]
    [InlineData("SH_LOGIN_NGINX", "-1")]
    [InlineData("SH_LOGIN_NGINX", "+80")]
    [InlineData("SH_LOGIN_NGINX", "80.5")]
    [InlineData("SH_LOGIN_NGINX", "99999999999999999999")]
    [InlineData("SH_LOGIN_NGINX", "٨٠")]
    [InlineData("SH_LOGIN_AUTH_PORT", "abc")]
    [InlineData("SH_LOGIN_AUTH_PORT", "0")]
    [InlineData("SH_LOGIN_AUTH_PORT", "70000")]
    [InlineData("SH_LOGIN_AUTH_PORT", "-1")]
    [InlineData("SH_LOGIN_FLASK_PORT", "abc")]
    [InlineData("SH_LOGIN_FLASK_PORT", "65536")]
    public void Bad_ports_name_the_variable_the_value_and_the_range(string variable, string value)
    {
        var error = Fails(Env(variable, value));

        Assert.Equal(variable, error.Setting);
        Assert.Equal(value, error.Value);
        Assert.Equal($"{variable}='{value}' is not valid: expected a port number 1-65535", error.Message);
    }

    [Theory]
    [InlineData("abc")]
    [InlineData("0")]
    [InlineData("70000")]
    [InlineData("-1")]
    [InlineData("unix")]
    [InlineData("sockets")]
    [InlineData("socket:/tmp/app.sock")]
    [InlineData("/tmp/app.sock")]
    public void A_bad_app_port_names_the_variable_the_value_and_both_accepted_forms(string value)
    {
        var error = Fails(Env("SH_LOGIN_PORT", value));

        Assert.Equal("SH_LOGIN_PORT", error.Setting);
        Assert.Equal($"SH_LOGIN_PORT='{value}' is not valid: expected a port number 1-65535, or socket (the app listens on the unix socket named in SH_LOGIN_SOCKET)", error.Message);
    }

    [Theory]
    [InlineData("socket")]
    [InlineData(" socket ")]
    [InlineData("SOCKET")]
    public void The_app_port_socket_puts_the_app_on_the_private_socket(string value)
    {
        var settings = Read(Env("SH_LOGIN_PORT", value));

        Assert.True(settings.AppOnSocket);
        Assert.Null(settings.AppPort);
        Assert.False(Read(Env("SH_LOGIN_PORT", "9001")).AppOnSocket);
        Assert.False(Read([]).AppOnSocket);
    }

    [Fact]
    public void Old_flask_port_name_is_accepted_and_the_new_name_wins()
    {
        Assert.Equal(5000, Read(Env("SH_LOGIN_FLASK_PORT", "5000")).AuthPort);

        var both = Read(new() { ["SH_LOGIN_FLASK_PORT"] = "5000", ["SH_LOGIN_AUTH_PORT"] = "5001" });
        Assert.Equal(5001, both.AuthPort);

        // The old variable is not even parsed when the new one is set.
        var oldIsBad = Read(new() { ["SH_LOGIN_FLASK_PORT"] = "abc", ["SH_LOGIN_AUTH_PORT"] = "5001" });
        Assert.Equal(5001, oldIsBad.AuthPort);
    }

    [Fact]
    public void Two_settings_may_not_share_a_port()
    {
        var appOnNginx = Fails(new() { ["SH_LOGIN_NGINX"] = "9000", ["SH_LOGIN_PORT"] = "9000" });
        Assert.Equal("SH_LOGIN_PORT", appOnNginx.Setting);
        Assert.Contains("nginx uses the same port", appOnNginx.Message, StringComparison.Ordinal);

        var authOnApp = Fails(new() { ["SH_LOGIN_PORT"] = "9001", ["SH_LOGIN_FLASK_PORT"] = "9001" });
        Assert.Equal("SH_LOGIN_FLASK_PORT", authOnApp.Setting);

        var authOnNginx = Fails(new() { ["SH_LOGIN_NGINX"] = "9002" }, new StartFlags { AuthPort = "9002" });
        Assert.Equal("--auth-port", authOnNginx.Setting);
    }

    // Flags

    [Fact]
    public void Flags_override_the_environment()
    {
        var environment = new Dictionary<string, string?>
        {
            ["SH_LOGIN_NGINX"] = "9000",
            ["SH_LOGIN_PORT"] = "9001",
            ["SH_LOGIN_AUTH_PORT"] = "9002",
            ["SH_LOGIN_TMPDIR"] = "/tmp/from-env",
            ["SH_LOGIN_TOKEN"] = "token-from-the-environment",
            ["SH_LOGIN_CMD"] = "echo env",
            ["SH_LOGIN_MODE"] = "totp",
            ["SH_LOGIN_BIND"] = "0.0.0.0",
            ["SH_LOGIN_SESSION_TTL"] = "1h",
            ["SH_LOGIN_COOKIE_DOMAIN"] = "env.example.org",
            ["SH_LOGIN_SECURE_COOKIE"] = "on",
        };
        var flags = new StartFlags
        {
            Nginx = "9100",
            Port = "9101",
            AuthPort = "9102",
            TmpDir = "/tmp/from-flag",
            Token = "token-from-the-command-line",
            Cmd = "echo flag",
            Mode = "token",
            Bind = "::1",
            SessionTtl = "2h",
            CookieDomain = "flag.example.org",
            SecureCookie = "off",
        };

        var settings = Read(environment, flags);

        Assert.Equal(9100, settings.NginxPort);
        Assert.Equal(9101, settings.AppPort);
        Assert.Equal(9102, settings.AuthPort);
        Assert.Equal("/tmp/from-flag", settings.TmpDir);
        Assert.Equal("token-from-the-command-line", settings.Token);
        Assert.Equal("echo flag", settings.Command);
        Assert.Equal(AuthMode.Token, settings.Mode);
        Assert.Equal("::1", settings.Bind);
        Assert.Equal(TimeSpan.FromHours(2), settings.SessionTtl);
        Assert.Equal("flag.example.org", settings.CookieDomain);
        Assert.Equal(SecureCookieMode.Off, settings.SecureCookie);
    }

    [Fact]
    public void A_bad_flag_is_named_by_its_flag()
    {
        var error = Fails(Env("SH_LOGIN_NGINX", "9000"), new StartFlags { Nginx = "abc" });

        Assert.Equal("--nginx='abc' is not valid: expected a port number 1-65535", error.Message);
    }

    [Fact]
    public void A_flag_given_empty_is_an_error_not_a_default()
    {
        var error = Fails(flags: new StartFlags { Port = "" });

        Assert.Equal("--port", error.Setting);
    }

    [Fact]
    public void A_good_flag_hides_a_bad_variable()
    {
        Assert.Equal(9100, Read(Env("SH_LOGIN_NGINX", "abc"), new StartFlags { Nginx = "9100" }).NginxPort);
    }

    // Mode

    [Theory]
    [InlineData("token", AuthMode.Token)]
    [InlineData("totp", AuthMode.Totp)]
    [InlineData("token+totp", AuthMode.TokenAndTotp)]
    [InlineData("totp+token", AuthMode.TokenAndTotp)]
    [InlineData("TOTP", AuthMode.Totp)]
    [InlineData(" token+totp ", AuthMode.TokenAndTotp)]
    public void Modes(string value, AuthMode mode)
    {
        Assert.Equal(mode, Read(Env("SH_LOGIN_MODE", value)).Mode);
    }

    [Theory]
    [InlineData("password")]
    [InlineData("token totp")]
    [InlineData("token,totp")]
    [InlineData("none")]
    public void Unknown_mode_lists_the_modes(string value)
    {
        var error = Fails(Env("SH_LOGIN_MODE", value));

        Assert.Equal($"SH_LOGIN_MODE='{value}' is not valid: expected token, totp or token+totp", error.Message);
    }

    // Token

    [Theory]
    [InlineData("0123456789abcdef")]
    [InlineData("a-Token_with.punctuation!~{}")]
    public void Tokens_of_printable_ascii(string token)
    {
        Assert.Equal(token, Read(Env("SH_LOGIN_TOKEN", token)).Token);
    }

    [Fact]
    public void Longest_token_is_512_characters()
    {
        var token = new string('x', 512);
        Assert.Equal(token, Read(Env("SH_LOGIN_TOKEN", token)).Token);
        Assert.NotNull(Fails(Env("SH_LOGIN_TOKEN", token + "x")));
    }

    [Theory]
    [InlineData("short-secret")]
    [InlineData("with a space in the middle")]
    [InlineData("tab\tinside-the-long-token")]
    [InlineData("non-ascii-tökenvalue-long")]
    [InlineData("newline-in-token-value\n")]
    public void Bad_tokens_are_refused_without_echoing_them(string token)
    {
        var error = Fails(Env("SH_LOGIN_TOKEN", token));

        Assert.Equal(
            $"SH_LOGIN_TOKEN=<hidden, {token.Length} chars> is not valid: expected 16-512 printable ASCII characters without spaces",
            error.Message);
        Assert.True(error.IsSecret);
        Assert.DoesNotContain(token.Trim(), error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(token.Trim(), error.Value ?? string.Empty, StringComparison.Ordinal);
    }

    // TOTP secret from the environment

    [Fact]
    public void Totp_secret_from_the_environment()
    {
        var settings = Read(new() { ["SH_LOGIN_MODE"] = "totp", ["SH_LOGIN_TOTP_SECRET"] = RfcSecret.ToLowerInvariant() });

        Assert.Equal(RfcKey, settings.TotpSecret);
        Assert.Equal(new TotpSecretSource(TotpSecretOrigin.EnvironmentVariable), settings.TotpSecretSource);
        Assert.True(settings.RequiresTotp);
        Assert.False(settings.RequiresToken);
    }

    [Theory]
    [InlineData("not base32 at all!")]
    [InlineData("GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJ1")]
    [InlineData("otpauth://totp/x?secret=GEZDGNBVGY3TQOJQ")]
    public void Invalid_base32_secret_is_refused_without_echoing_it(string secret)
    {
        var error = Fails(Env("SH_LOGIN_TOTP_SECRET", secret));

        Assert.Equal(
            $"SH_LOGIN_TOTP_SECRET=<hidden, {secret.Length} chars> is not valid: expected Base32 (RFC 4648) of at least 128 bits",
            error.Message);
        Assert.DoesNotContain("GEZDG", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Secret_shorter_than_128_bits_is_refused()
    {
        var shortSecret = Base32.Encode(new byte[10]);

        var error = Fails(Env("SH_LOGIN_TOTP_SECRET", shortSecret));

        Assert.Equal(
            "SH_LOGIN_TOTP_SECRET=<hidden, 16 chars> is not valid: it decodes to 10 bytes (80 bits); expected Base32 (RFC 4648) of at least 128 bits",
            error.Message);
    }

    [Fact]
    public void Secret_of_exactly_128_bits_is_accepted()
    {
        var key = Enumerable.Range(1, 16).Select(i => (byte)i).ToArray();

        Assert.Equal(key, Read(Env("SH_LOGIN_TOTP_SECRET", Base32.Encode(key))).TotpSecret);
    }

    // TOTP secret files

    [Fact]
    public void Secret_file_is_read_and_trimmed()
    {
        var files = new FakeSettingsFileSystem().WithFile("/secrets/totp", "  " + RfcSecret + "\n");

        var settings = Read(Env("SH_LOGIN_TOTP_SECRET_FILE", "/secrets/totp"), files: files);

        Assert.Equal(RfcKey, settings.TotpSecret);
        Assert.Equal(new TotpSecretSource(TotpSecretOrigin.SecretFile, "/secrets/totp"), settings.TotpSecretSource);
    }

    [Fact]
    public void Relative_secret_file_is_resolved_against_the_working_directory()
    {
        var files = new FakeSettingsFileSystem().WithFile(Cwd + "/conf/secret", RfcSecret);

        var settings = Read(Env("SH_LOGIN_TOTP_SECRET_FILE", "conf/secret"), files: files);

        Assert.Equal(Cwd + "/conf/secret", settings.TotpSecretSource?.FilePath);
    }

    [Theory]
    [InlineData(0x1A4, "0644")]
    [InlineData(0x1B0, "0660")]
    [InlineData(0x182, "0602")]
    public void Secret_file_others_can_read_or_write_is_refused_with_the_fix(int mode, string octal)
    {
        var files = new FakeSettingsFileSystem().WithFile("/secrets/totp", RfcSecret, (UnixFileMode)mode);

        var error = Fails(Env("SH_LOGIN_TOTP_SECRET_FILE", "/secrets/totp"), files: files);

        Assert.Equal(
            $"SH_LOGIN_TOTP_SECRET_FILE='/secrets/totp' is not valid: /secrets/totp can be read or written by group or others (mode {octal}); fix: chmod 600 /secrets/totp; "
            + "expected a file of your own that group and others can neither read nor write, and not a symbolic link",
            error.Message);
    }

    [Fact]
    public void Secret_file_of_another_owner_is_refused_with_the_fix()
    {
        var files = new FakeSettingsFileSystem().WithFile("/secrets/totp", RfcSecret, owner: UserAccounts.EffectiveUserId + 1);

        var error = Fails(Env("SH_LOGIN_TOTP_SECRET_FILE", "/secrets/totp"), files: files);

        Assert.Contains("/secrets/totp is owned by ", error.Message, StringComparison.Ordinal);
        Assert.Contains("not by you", error.Message, StringComparison.Ordinal);
        Assert.Contains("chown ", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Missing_secret_file()
    {
        var error = Fails(Env("SH_LOGIN_TOTP_SECRET_FILE", "/secrets/none"));

        Assert.Equal(
            "SH_LOGIN_TOTP_SECRET_FILE='/secrets/none' is not valid: no such file; expected a readable file holding Base32 (RFC 4648) of at least 128 bits",
            error.Message);
    }

    [Fact]
    public void Secret_file_path_with_control_characters()
    {
        var error = Fails(Env("SH_LOGIN_TOTP_SECRET_FILE", "/secrets/\u0007bell"));

        Assert.Equal(@"SH_LOGIN_TOTP_SECRET_FILE='/secrets/\x07bell' is not valid: expected a file path without control characters", error.Message);
    }

    [Fact]
    public void Unreadable_secret_file()
    {
        var files = new FakeSettingsFileSystem().WithFailure("/secrets/totp", new UnauthorizedAccessException("denied"));

        var error = Fails(Env("SH_LOGIN_TOTP_SECRET_FILE", "/secrets/totp"), files: files);

        Assert.Equal("SH_LOGIN_TOTP_SECRET_FILE", error.Setting);
        Assert.Contains("not readable (permission denied)", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Secret_file_that_fails_to_read_gives_one_line()
    {
        var files = new FakeSettingsFileSystem().WithFailure("/secrets/totp", new IOException("it is a directory\nsecond line"));

        var error = Fails(Env("SH_LOGIN_TOTP_SECRET_FILE", "/secrets/totp"), files: files);

        Assert.Contains("cannot be read: it is a directory", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', error.Message);
    }

    [Fact]
    public void Huge_secret_file_is_refused_after_reading_only_its_start()
    {
        var files = new FakeSettingsFileSystem().WithFile("/dev/zero", new byte[1 << 20]);

        var error = Fails(Env("SH_LOGIN_TOTP_SECRET_FILE", "/dev/zero"), files: files);

        Assert.Contains("larger than 4096 bytes", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Binary_secret_file_is_refused()
    {
        var files = new FakeSettingsFileSystem().WithFile("/secrets/totp", [0xff, 0xfe, 0x00, 0x41]);

        var error = Fails(Env("SH_LOGIN_TOTP_SECRET_FILE", "/secrets/totp"), files: files);

        Assert.Contains("the file is not text", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Secret_file_with_invalid_content_does_not_echo_it()
    {
        const string content = "this is no base32 secret 1890";
        var files = new FakeSettingsFileSystem().WithFile("/secrets/totp", content);

        var error = Fails(Env("SH_LOGIN_TOTP_SECRET_FILE", "/secrets/totp"), files: files);

        Assert.Contains($"its content (<hidden, {content.Length} chars>) is not Base32", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("base32 secret", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Secret_file_with_a_short_secret()
    {
        var files = new FakeSettingsFileSystem().WithFile("/secrets/totp", Base32.Encode(new byte[10]));

        var error = Fails(Env("SH_LOGIN_TOTP_SECRET_FILE", "/secrets/totp"), files: files);

        Assert.Contains("its content decodes to 10 bytes (80 bits)", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Secret_and_secret_file_together_are_ambiguous()
    {
        var files = new FakeSettingsFileSystem().WithFile("/secrets/totp", RfcSecret);

        var error = Fails(
            new() { ["SH_LOGIN_TOTP_SECRET"] = RfcSecret, ["SH_LOGIN_TOTP_SECRET_FILE"] = "/secrets/totp" }, files: files);

        Assert.Equal("SH_LOGIN_TOTP_SECRET_FILE", error.Setting);
        Assert.Contains("only one of SH_LOGIN_TOTP_SECRET and SH_LOGIN_TOTP_SECRET_FILE", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Secret_file_flag_overrides_both_variables()
    {
        var otherKey = Enumerable.Range(0, 20).Select(i => (byte)(i * 7)).ToArray();
        var files = new FakeSettingsFileSystem()
            .WithFile("/flag/secret", Base32.Encode(otherKey))
            .WithFile("/env/secret", RfcSecret);

        var settings = Read(
            new() { ["SH_LOGIN_TOTP_SECRET"] = RfcSecret, ["SH_LOGIN_TOTP_SECRET_FILE"] = "/env/secret" },
            new StartFlags { TotpSecretFile = "/flag/secret" },
            files);

        Assert.Equal(otherKey, settings.TotpSecret);
        Assert.Equal("/flag/secret", settings.TotpSecretSource?.FilePath);
        Assert.DoesNotContain("/env/secret", files.Reads);
    }

    [Fact]
    public void Totp_secret_in_the_working_directory_is_picked_up_in_totp_modes()
    {
        var files = new FakeSettingsFileSystem().WithFile(Cwd + "/.totp_secret", RfcSecret + "\n");

        foreach (var mode in new[] { "totp", "token+totp" })
        {
            var settings = Read(Env("SH_LOGIN_MODE", mode), files: files);

            Assert.Equal(RfcKey, settings.TotpSecret);
            Assert.Equal(TotpSecretOrigin.WorkingDirectoryFile, settings.TotpSecretSource?.Origin);
            Assert.Equal(Cwd + "/.totp_secret", settings.TotpSecretSource?.FilePath);
        }
    }

    [Fact]
    public void A_planted_totp_secret_in_the_working_directory_is_refused_not_used()
    {
        var planted = new FakeSettingsFileSystem().WithFile(Cwd + "/.totp_secret", RfcSecret, owner: UserAccounts.EffectiveUserId + 1);
        var open = new FakeSettingsFileSystem().WithFile(Cwd + "/.totp_secret", RfcSecret, (UnixFileMode)0x1A4);

        Assert.StartsWith($".totp_secret='{Cwd}/.totp_secret' is not valid: {Cwd}/.totp_secret is owned by", Fails(Env("SH_LOGIN_MODE", "totp"), files: planted).Message, StringComparison.Ordinal);
        Assert.Contains("(mode 0644); fix: chmod 600", Fails(Env("SH_LOGIN_MODE", "totp"), files: open).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Totp_secret_in_the_working_directory_is_left_alone_in_token_mode()
    {
        var files = new FakeSettingsFileSystem().WithFile(Cwd + "/.totp_secret", "garbage that would fail");

        var settings = Read(files: files);

        Assert.Null(settings.TotpSecret);
        Assert.Empty(files.Reads);
    }

    [Fact]
    public void Configured_secret_wins_over_the_working_directory_file()
    {
        var files = new FakeSettingsFileSystem().WithFile(Cwd + "/.totp_secret", "garbage that would fail");

        var settings = Read(new() { ["SH_LOGIN_MODE"] = "totp", ["SH_LOGIN_TOTP_SECRET"] = RfcSecret }, files: files);

        Assert.Equal(TotpSecretOrigin.EnvironmentVariable, settings.TotpSecretSource?.Origin);
        Assert.Empty(files.Reads);
    }

    [Fact]
    public void Invalid_totp_secret_in_the_working_directory_is_an_error_in_totp_mode()
    {
        var files = new FakeSettingsFileSystem().WithFile(Cwd + "/.totp_secret", "not-a-secret!");

        var error = Fails(Env("SH_LOGIN_MODE", "totp"), files: files);

        Assert.Equal(".totp_secret", error.Setting);
        Assert.Equal(Cwd + "/.totp_secret", error.Value);
    }

    [Fact]
    public void Totp_mode_without_any_secret_asks_for_a_new_one()
    {
        var settings = Read(Env("SH_LOGIN_MODE", "totp"));

        Assert.Null(settings.TotpSecret);
        Assert.Null(settings.TotpSecretSource);
    }

    // Session lifetime

    [Theory]
    [InlineData("90s", 90)]
    [InlineData("30m", 1800)]
    [InlineData("12h", 43200)]
    [InlineData("7d", 604800)]
    [InlineData("1h30m", 5400)]
    [InlineData("1d2h3m4s", 93784)]
    [InlineData("2H", 7200)]
    [InlineData("3600", 3600)]
    [InlineData("1", 1)]
    [InlineData("366d", 31622400)]
    [InlineData("0d1s", 1)]
    public void Session_ttl(string value, long seconds)
    {
        Assert.Equal(TimeSpan.FromSeconds(seconds), Read(Env("SH_LOGIN_SESSION_TTL", value)).SessionTtl);
    }

    [Theory]
    [InlineData("0")]
    [InlineData("0s")]
    [InlineData("0h0m")]
    [InlineData("-5")]
    [InlineData("abc")]
    [InlineData("1.5h")]
    [InlineData("12 h")]
    [InlineData("30m1h")]
    [InlineData("1h1h")]
    [InlineData("367d")]
    [InlineData("31622401")]
    [InlineData("99999999999")]
    [InlineData("1w")]
    [InlineData("h")]
    [InlineData("PT1H")]
    public void Bad_session_ttl(string value)
    {
        var error = Fails(Env("SH_LOGIN_SESSION_TTL", value));

        Assert.Equal("SH_LOGIN_SESSION_TTL", error.Setting);
        Assert.Contains("expected a duration such as 90s, 30m, 12h, 7d or 1h30m", error.Message, StringComparison.Ordinal);
    }

    // Secure cookie

    [Theory]
    [InlineData("auto", SecureCookieMode.Auto)]
    [InlineData("on", SecureCookieMode.On)]
    [InlineData("true", SecureCookieMode.On)]
    [InlineData("1", SecureCookieMode.On)]
    [InlineData("yes", SecureCookieMode.On)]
    [InlineData("ON", SecureCookieMode.On)]
    [InlineData("off", SecureCookieMode.Off)]
    [InlineData("false", SecureCookieMode.Off)]
    [InlineData("0", SecureCookieMode.Off)]
    [InlineData("no", SecureCookieMode.Off)]
    public void Secure_cookie(string value, SecureCookieMode mode)
    {
        Assert.Equal(mode, Read(Env("SH_LOGIN_SECURE_COOKIE", value)).SecureCookie);
    }

    [Theory]
    [InlineData("maybe")]
    [InlineData("2")]
    [InlineData("enabled")]
    public void Bad_secure_cookie(string value)
    {
        var error = Fails(Env("SH_LOGIN_SECURE_COOKIE", value));

        Assert.Equal(
            $"SH_LOGIN_SECURE_COOKIE='{value}' is not valid: expected auto, on, off, true, false, 1, 0, yes or no",
            error.Message);
    }

    // Proxy

    [Theory]
    [InlineData("auto", ProxyMode.Auto)]
    [InlineData("nginx", ProxyMode.Nginx)]
    [InlineData("NGINX", ProxyMode.Nginx)]
    [InlineData("builtin", ProxyMode.Builtin)]
    [InlineData("built-in", ProxyMode.Builtin)]
    [InlineData(" builtin ", ProxyMode.Builtin)]
    public void Proxy(string value, ProxyMode mode)
    {
        Assert.Equal(mode, Read(Env("SH_LOGIN_PROXY", value)).Proxy);
    }

    [Fact]
    public void The_proxy_flag_wins_over_the_variable()
    {
        Assert.Equal(ProxyMode.Builtin, Read(Env("SH_LOGIN_PROXY", "nginx"), new StartFlags { Proxy = "builtin" }).Proxy);
    }

    [Theory]
    [InlineData("SH_LOGIN_PROXY", "apache")]
    [InlineData("SH_LOGIN_PROXY", "yarp")]
    [InlineData("--proxy", "nginx;builtin")]
    public void Bad_proxy(string setting, string value)
    {
        var error = setting.StartsWith("--", StringComparison.Ordinal)
            ? Fails(flags: new StartFlags { Proxy = value })
            : Fails(Env(setting, value));

        Assert.Equal(setting, error.Setting);
        Assert.Equal(
            $"{setting}='{value}' is not valid: expected nginx, builtin or auto (nginx when it is installed, else builtin)",
            error.Message);
    }

    // Bind address

    [Theory]
    [InlineData("127.0.0.1", "127.0.0.1")]
    [InlineData("0.0.0.0", "0.0.0.0")]
    [InlineData("192.168.10.20", "192.168.10.20")]
    [InlineData("::", "::")]
    [InlineData("::1", "::1")]
    [InlineData("[::1]", "::1")]
    [InlineData("2001:DB8::0:1", "2001:db8::1")]
    [InlineData("localhost", "localhost")]
    [InlineData("LocalHost", "localhost")]
    public void Bind(string value, string expected)
    {
        Assert.Equal(expected, Read(Env("SH_LOGIN_BIND", value)).Bind);
    }

    [Theory]
    [InlineData("8.8.8.8", "8.8.8.8")]
    [InlineData("2001:db8::1", "2001:db8::1")]
    [InlineData("localhost", "127.0.0.1")]
    public void A_bind_address_this_machine_does_not_have_is_refused(string value, string asked)
    {
        var addresses = new FakeLocalAddresses("192.0.2.1");

        var error = Assert.Throws<ConfigurationException>(() =>
            new SettingsReader(new FakeSettingsFileSystem(), addresses).Read(Env("SH_LOGIN_BIND", value), StartFlags.None, Cwd));

        Assert.Equal(
            $"SH_LOGIN_BIND='{value}' is not valid: this machine has no such address (binding a socket to it failed); "
            + "expected an address of this machine: an IPv4 or IPv6 address of one of its interfaces, localhost, 0.0.0.0 or ::",
            error.Message);
        Assert.Equal(asked, Assert.Single(addresses.Asked).ToString());
    }

    [Fact]
    public void The_real_machine_has_loopback_and_the_wildcard_but_not_a_public_address()
    {
        var reader = new SettingsReader(new FakeSettingsFileSystem());

        Assert.Equal("127.0.0.1", reader.Read(Env("SH_LOGIN_BIND", "127.0.0.1"), StartFlags.None, Cwd).Bind);
        Assert.Equal("0.0.0.0", reader.Read(Env("SH_LOGIN_BIND", "0.0.0.0"), StartFlags.None, Cwd).Bind);
        Assert.Equal("localhost", reader.Read(Env("SH_LOGIN_BIND", "localhost"), StartFlags.None, Cwd).Bind);
        Assert.Throws<ConfigurationException>(() => reader.Read(Env("SH_LOGIN_BIND", "8.8.8.8"), StartFlags.None, Cwd));
        Assert.Throws<ConfigurationException>(() => reader.Read(new Dictionary<string, string?>(), new StartFlags { Bind = "203.0.113.7" }, Cwd));
    }

    [Theory]
    [InlineData("example.org")]
    [InlineData("1")]
    [InlineData("127.1")]
    [InlineData("256.0.0.1")]
    [InlineData("010.0.0.1")]
    [InlineData("0x7f.0.0.1")]
    [InlineData("127.0.0.1;")]
    [InlineData("127.0.0.1:80")]
    [InlineData("127.0.0.1 default_server")]
    [InlineData("fe80::1%eth0")]
    [InlineData("::1]")]
    [InlineData(":::")]
    public void Bad_bind(string value)
    {
        var error = Fails(Env("SH_LOGIN_BIND", value));

        Assert.Equal(
            $"SH_LOGIN_BIND='{value}' is not valid: expected an IPv4 or IPv6 address, localhost, 0.0.0.0 or ::",
            error.Message);
    }

    // Cookie domain

    [Theory]
    [InlineData("example.org", "example.org")]
    [InlineData(".example.org", ".example.org")]
    [InlineData("Apps.Example.ORG", "apps.example.org")]
    [InlineData("my-host-1.example.org", "my-host-1.example.org")]
    [InlineData("localhost", "localhost")]
    public void Cookie_domain(string value, string expected)
    {
        Assert.Equal(expected, Read(Env("SH_LOGIN_COOKIE_DOMAIN", value)).CookieDomain);
    }

    [Theory]
    [InlineData(".")]
    [InlineData("..example.org")]
    [InlineData("example..org")]
    [InlineData("example.org.")]
    [InlineData("-bad.example.org")]
    [InlineData("bad-.example.org")]
    [InlineData("exa mple.org")]
    [InlineData("example.org; Secure")]
    [InlineData("https://example.org")]
    [InlineData("bücher.example")]
    [InlineData("under_score.example.org")]
    public void Bad_cookie_domain(string value)
    {
        var error = Fails(Env("SH_LOGIN_COOKIE_DOMAIN", value));

        Assert.Equal("SH_LOGIN_COOKIE_DOMAIN", error.Setting);
        Assert.EndsWith("expected a host name such as example.org or .example.org", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Cookie_domain_labels_are_at_most_63_characters()
    {
        Assert.NotNull(Read(Env("SH_LOGIN_COOKIE_DOMAIN", new string('a', 63) + ".org")).CookieDomain);
        Assert.NotNull(Fails(Env("SH_LOGIN_COOKIE_DOMAIN", new string('a', 64) + ".org")));
    }

    // Workload

    [Theory]
    [InlineData("jupyter", AppPreset.Jupyter)]
    [InlineData("jupyterlab", AppPreset.JupyterLab)]
    [InlineData("JupyterLab", AppPreset.JupyterLab)]
    [InlineData("jupyter-server", AppPreset.JupyterServer)]
    [InlineData("rstudio", AppPreset.RStudio)]
    [InlineData("code-server", AppPreset.CodeServer)]
    [InlineData("demo", AppPreset.Demo)]
    [InlineData("Jupyter", AppPreset.Jupyter)]
    public void App_presets(string value, AppPreset app)
    {
        Assert.Equal(app, Read(Env("SH_LOGIN_APP", value)).App);
    }

    [Fact]
    public void Unknown_app()
    {
        var error = Fails(Env("SH_LOGIN_APP", "notebook"));

        Assert.Equal("SH_LOGIN_APP='notebook' is not valid: expected jupyter, jupyterlab, jupyter-server, rstudio, code-server, demo or otp", error.Message);
    }

    [Fact]
    public void The_default_app_runs_when_nothing_else_is_chosen()
    {
        var image = new StartFlags { DefaultApp = "jupyter" };

        var settings = Read(flags: image);

        Assert.Equal(AppPreset.Jupyter, settings.App);
        Assert.Null(settings.Command);
        Assert.Null(Read().App);
    }

    public static TheoryData<Dictionary<string, string?>, StartFlags, AppPreset?, string?> ChoicesOverTheDefaultApp => new()
    {
        { new() { ["SH_LOGIN_CMD"] = "python3 app.py" }, new StartFlags { DefaultApp = "jupyter" }, null, "python3 app.py" },
        { new() { ["SH_LOGIN_APP"] = "demo" }, new StartFlags { DefaultApp = "jupyter" }, AppPreset.Demo, null },
        { [], new StartFlags { DefaultApp = "jupyter", App = "code-server" }, AppPreset.CodeServer, null },
        { [], new StartFlags { DefaultApp = "jupyter", Cmd = "python3 app.py" }, null, "python3 app.py" },
        { [], new StartFlags { DefaultApp = "jupyter", CommandArguments = ["python3", "app.py"] }, null, null },
    };

    [Theory]
    [MemberData(nameof(ChoicesOverTheDefaultApp))]
    public void A_chosen_app_or_command_replaces_the_default_app_without_a_clash(
        Dictionary<string, string?> environment, StartFlags flags, AppPreset? app, string? command)
    {
        var settings = Read(environment, flags);

        Assert.Equal(app, settings.App);
        Assert.Equal(command, settings.Command);
        Assert.Equal(flags.CommandArguments, settings.CommandArguments);
    }

    [Fact]
    public void An_unknown_default_app_names_the_flag()
    {
        var error = Fails(flags: new StartFlags { DefaultApp = "notebook" });

        Assert.Equal("--default-app='notebook' is not valid: expected jupyter, jupyterlab, jupyter-server, rstudio, code-server, demo or otp", error.Message);
    }

    [Fact]
    public void Command_from_the_environment_keeps_its_spaces()
    {
        Assert.Equal("python3 -m http.server ", Read(Env("SH_LOGIN_CMD", "python3 -m http.server ")).Command);
    }

    [Fact]
    public void Command_after_double_dash_replaces_the_command_line()
    {
        var settings = Read(Env("SH_LOGIN_CMD", "echo env"), new StartFlags { CommandArguments = ["jupyter", "notebook", "--no-browser"] });

        Assert.Null(settings.Command);
        Assert.Equal(["jupyter", "notebook", "--no-browser"], settings.CommandArguments);
    }

    [Fact]
    public void Cmd_flag_and_double_dash_together_are_ambiguous()
    {
        var error = Fails(flags: new StartFlags { Cmd = "echo a", CommandArguments = ["echo", "b"] });

        Assert.Equal("--cmd", error.Setting);
    }

    [Fact]
    public void App_and_command_from_the_same_place_are_ambiguous()
    {
        var fromEnvironment = Fails(new() { ["SH_LOGIN_APP"] = "jupyter", ["SH_LOGIN_CMD"] = "echo hi" });
        Assert.Equal("SH_LOGIN_APP", fromEnvironment.Setting);
        Assert.Contains("SH_LOGIN_CMD is set too", fromEnvironment.Message, StringComparison.Ordinal);

        var fromFlags = Fails(flags: new StartFlags { App = "demo", CommandArguments = ["echo", "hi"] });
        Assert.Equal("--app", fromFlags.Setting);
    }

    [Fact]
    public void A_workload_flag_beats_the_other_workload_variable()
    {
        var commandFlag = Read(Env("SH_LOGIN_APP", "jupyter"), new StartFlags { Cmd = "echo hi" });
        Assert.Equal("echo hi", commandFlag.Command);
        Assert.Null(commandFlag.App);

        var appFlag = Read(Env("SH_LOGIN_CMD", "echo hi"), new StartFlags { App = "demo" });
        Assert.Equal(AppPreset.Demo, appFlag.App);
        Assert.Null(appFlag.Command);
    }

    // Runtime directory

    [Fact]
    public void Tmpdir_is_made_absolute()
    {
        Assert.Equal("/scratch/run", Read(Env("SH_LOGIN_TMPDIR", "/scratch/run")).TmpDir);
        Assert.Equal(Cwd + "/run", Read(Env("SH_LOGIN_TMPDIR", "run")).TmpDir);
        Assert.Equal("/home/user/run", Read(Env("SH_LOGIN_TMPDIR", "../run")).TmpDir);
    }

    [Fact]
    public void Tmpdir_with_control_characters_is_refused_on_one_line()
    {
        var error = Fails(Env("SH_LOGIN_TMPDIR", "/tmp/a\nb"));

        Assert.Equal(
            @"SH_LOGIN_TMPDIR='/tmp/a\nb' is not valid: it contains the control character U+000A; expected a directory path without control characters or any of "" ' \ $ ; { } (nginx's configuration cannot hold them)",
            error.Message);
    }

    [Theory]
    [InlineData("SH_LOGIN_TMPDIR", "/tmp/a\"b", "'\"'")]
    [InlineData("SH_LOGIN_TMPDIR", "/tmp/rt;include /etc/passwd;", "';'")]
    [InlineData("SH_LOGIN_TMPDIR", "/tmp/$HOME", "'$'")]
    [InlineData("SH_LOGIN_TMPDIR", "/tmp/{x}", "'{'")]
    [InlineData("SH_LOGIN_TMPDIR", "/tmp/it's", "'''")]
    [InlineData("SH_LOGIN_TMPDIR", "/tmp/back\\slash", "'\\'")]
    [InlineData("TMPDIR", "/tmp/a\"b", "'\"'")]
    [InlineData("TMPDIR", "/scratch/x;y", "';'")]
    public void A_runtime_path_nginx_cannot_hold_is_refused_naming_the_variable(string variable, string value, string character)
    {
        var error = Fails(Env(variable, value));

        Assert.StartsWith($"{variable}=", error.Message, StringComparison.Ordinal);
        Assert.Contains($"it contains {character}; expected a directory path without control characters or any of", error.Message, StringComparison.Ordinal);
        Assert.Equal(variable, error.Setting);
    }

    [Fact]
    public void Tmpdir_is_the_parent_of_a_generated_runtime_directory()
    {
        Assert.Equal("/tmp", Read().TemporaryRoot);
        Assert.Equal("/scratch/job", Read(Env("TMPDIR", "/scratch/job")).TemporaryRoot);
        Assert.Equal(Cwd + "/tmp", Read(Env("TMPDIR", "tmp")).TemporaryRoot);
    }

    [Fact]
    public void Tmpdir_is_not_checked_when_sh_login_tmpdir_is_set()
    {
        var settings = Read(new() { ["TMPDIR"] = "/tmp/a;b", ["SH_LOGIN_TMPDIR"] = "/run/rt" });

        Assert.Equal("/run/rt", settings.TmpDir);
    }

    // Secrets stay out of logs

    [Fact]
    public void Settings_text_hides_the_token_and_the_totp_secret()
    {
        const string token = "a-very-secret-token-value";
        var settings = Read(new() { ["SH_LOGIN_TOKEN"] = token, ["SH_LOGIN_TOTP_SECRET"] = RfcSecret, ["SH_LOGIN_NGINX"] = "9123" });

        var text = settings.ToString();

        Assert.DoesNotContain(token, text, StringComparison.Ordinal);
        Assert.DoesNotContain(RfcSecret, text, StringComparison.Ordinal);
        Assert.Contains("Token = (hidden)", text, StringComparison.Ordinal);
        Assert.Contains("NginxPort = 9123", text, StringComparison.Ordinal);
    }
}
