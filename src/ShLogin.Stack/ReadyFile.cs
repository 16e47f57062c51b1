using System.Text.Json;
using ShLogin.Configuration;
using ShLogin.Files;

namespace ShLogin.Stack;

/// <summary>
/// The JSON file <c>--ready-file</c> names, written (0600, atomically, see <see cref="PrivateFile"/>)
/// once the stack answers and removed at exit: what scripts and tests read instead of the banner.
/// It holds the token, so its directory must be one no other user controls.
/// </summary>
public static class ReadyFile
{
    /// <summary>The flag that names the file.</summary>
    public const string Option = "--ready-file";

    private const string Accepted = "a file path in " + PathTrust.DirectoryAccepted;

    /// <summary>
    /// Refuses, before anything starts, a ready file whose directory another user could control
    /// (they could read the token or have the file written elsewhere), or whose name is already
    /// taken by something that is not a file of this user's.
    /// </summary>
    /// <exception cref="ConfigurationException">The location is unsafe; the message names <see cref="Option"/>.</exception>
    public static void RequireSafeLocation(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        var full = Path.GetFullPath(path);
        try
        {
            PathTrust.RequireDirectory(Path.GetDirectoryName(full) ?? "/");
            if (PathTrust.StatusOf(full) is { } existing
                && (existing.Kind != FileKind.Regular || existing.OwnerId != UserAccounts.EffectiveUserId))
            {
                throw new ConfigurationException(
                    Option, path, Accepted, $"{full} already exists: a {existing.Kind.ToString().ToLowerInvariant()} of {UserAccounts.Describe(existing.OwnerId)}");
            }
        }
        catch (UntrustedPathException exception)
        {
            throw new ConfigurationException(Option, path, Accepted, exception.Reason);
        }
        catch (IOException exception)
        {
            throw new ConfigurationException(Option, path, Accepted, exception.Message);
        }
    }

    /// <summary>Writes <paramref name="info"/> to <paramref name="path"/>.</summary>
    public static void Write(string path, StackInfo info)
    {
        ArgumentNullException.ThrowIfNull(path);
        ArgumentNullException.ThrowIfNull(info);
        PrivateFile.WriteAtomically(path, stream =>
        {
            using var json = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true });
            json.WriteStartObject();
            json.WriteString("url", info.Url);
            json.WriteString("login_url", info.LoginUrl);
            json.WriteString("mode", info.Mode);
            if (info.Token is not null)
            {
                json.WriteString("token", info.Token);
            }

            if (info.OtpAuthUri is not null)
            {
                json.WriteString("otpauth_uri", info.OtpAuthUri);
            }

            json.WriteNumber("nginx_port", info.NginxPort);
            json.WriteString("runtime_dir", info.RuntimeDirectory);
            json.WriteNumber("pid", info.ProcessId);
            if (info.OtpServer is { } otpServer)
            {
                json.WriteString("otp_server_socket", otpServer.Socket);
                json.WriteString("otp_server_store", otpServer.Store);
                json.WriteString("otp_server_admin_name", otpServer.AdminName);
                json.WriteString("otp_server_admin_realm", otpServer.AdminRealm);
                json.WriteString("otp_server_admin_seed_file", otpServer.AdminSeedFile);
            }

            json.WriteEndObject();
        });
    }

    /// <summary>Removes the file if it is there.</summary>
    public static void Delete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }
    }
}
