using System.Text.Json;

namespace ShLogin.Hosting.Stack;

/// <summary>
/// The JSON file <c>--ready-file</c> names, written (0600, atomically) once the stack answers and
/// removed at exit: what scripts and tests read instead of the banner.
/// </summary>
public static class ReadyFile
{
    /// <summary>Writes <paramref name="info"/> to <paramref name="path"/>.</summary>
    public static void Write(string path, StackInfo info)
    {
        ArgumentNullException.ThrowIfNull(path);
        ArgumentNullException.ThrowIfNull(info);
        var full = Path.GetFullPath(path);
        var temporary = full + "." + Environment.ProcessId + ".tmp";
        using (var stream = new FileStream(temporary, new FileStreamOptions
        {
            Mode = FileMode.Create,
            Access = FileAccess.Write,
            UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite,
        }))
        using (var json = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true }))
        {
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
            json.WriteEndObject();
        }

        File.SetUnixFileMode(temporary, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        File.Move(temporary, full, overwrite: true);
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
