using System.Text.Json;
using ShLogin.Testing.Files;

namespace ShLogin.Stack.Tests;

/// <summary>The ready file's JSON: the fields of the contract, and the otp_server_* fields only when an OTP server runs beside the stack.</summary>
public sealed class ReadyFileTests
{
    private static readonly StackInfo Info = new()
    {
        Url = "http://127.0.0.1:9000/",
        LoginUrl = "http://127.0.0.1:9000/auth/login",
        Mode = "token",
        Token = "secret-token",
        NginxPort = 9000,
        Bind = "127.0.0.1",
        RuntimeDirectory = "/tmp/sh-login.abcdefgh",
        ProcessId = 42,
    };

    [Fact]
    public void Without_an_OTP_server_the_file_holds_exactly_the_contract_fields_mode_0600()
    {
        using var directory = new TemporaryDirectory();
        var path = directory.Combine("ready.json");

        ReadyFile.Write(path, Info);

        Assert.Equal(["url", "login_url", "mode", "token", "nginx_port", "runtime_dir", "pid"], Names(path));
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(path));
    }

    [Fact]
    public void An_OTP_server_adds_its_socket_store_admin_and_seed_file_after_the_contract_fields()
    {
        using var directory = new TemporaryDirectory();
        var path = directory.Combine("ready.json");

        ReadyFile.Write(path, Info with { OtpServer = new OtpServerInfo("/tmp/r/otp.sock", "postgres", "admin", "ungleich-admin", "/tmp/r/otp-server/admin.seed") });

        Assert.Equal(
            ["url", "login_url", "mode", "token", "nginx_port", "runtime_dir", "pid",
             "otp_server_socket", "otp_server_store", "otp_server_admin_name", "otp_server_admin_realm", "otp_server_admin_seed_file"],
            Names(path));
        using var json = JsonDocument.Parse(File.ReadAllText(path));
        Assert.Equal("/tmp/r/otp.sock", json.RootElement.GetProperty("otp_server_socket").GetString());
        Assert.Equal("postgres", json.RootElement.GetProperty("otp_server_store").GetString());
        Assert.Equal("ungleich-admin", json.RootElement.GetProperty("otp_server_admin_realm").GetString());
        Assert.Equal("/tmp/r/otp-server/admin.seed", json.RootElement.GetProperty("otp_server_admin_seed_file").GetString());
    }

    private static List<string> Names(string path)
    {
        using var json = JsonDocument.Parse(File.ReadAllText(path));
        return [.. json.RootElement.EnumerateObject().Select(property => property.Name)];
    }
}
