using ShLogin.Configuration;
using ShLogin.LoginService.Proxy;
using ShLogin.Nginx;
using ShLogin.Stack;

namespace ShLogin.Cli.Commands.Serve;

/// <summary>The built-in proxy options of <c>sh-login serve</c>, checked; null when <c>--proxy-listen</c> is not given.</summary>
internal static class ServeProxy
{
    public static BuiltinProxyOptions? Read(string? listen, string? app, string? appAvailableFile, CliContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (listen is null)
        {
            if (app is not null || appAvailableFile is not null)
            {
                throw new UsageException($"{(app is not null ? BuiltinProxyOptionNames.App : BuiltinProxyOptionNames.AppAvailableFile)} needs {BuiltinProxyOptionNames.Listen}");
            }

            return null;
        }

        if (!ListenEndpoint.TryParse(listen, out var endpoint, out var listenError))
        {
            throw new ConfigurationException(BuiltinProxyOptionNames.Listen, listen, "HOST:PORT, e.g. 127.0.0.1:8080", listenError);
        }

        if (app is null)
        {
            throw new UsageException($"{BuiltinProxyOptionNames.Listen} needs {BuiltinProxyOptionNames.App} (unix:/path.sock or HOST:PORT)");
        }

        if (!Upstream.TryParse(app, out var upstream, out var appError))
        {
            throw new ConfigurationException(BuiltinProxyOptionNames.App, app, "unix:/absolute/path.sock or HOST:PORT", appError);
        }

        if (appAvailableFile is not null && (string.IsNullOrWhiteSpace(appAvailableFile) || appAvailableFile.Any(char.IsControl)))
        {
            throw new ConfigurationException(BuiltinProxyOptionNames.AppAvailableFile, appAvailableFile, "a file path without control characters");
        }

        return new BuiltinProxyOptions
        {
            Listen = endpoint,
            App = upstream,
            AppSecretHeader = SecretHeader(context),
            AppAvailableFile = appAvailableFile is null ? null : context.FullPath(appAvailableFile),
        };
    }

    // "Name: value" from the environment; the value is never echoed.
    private static AppSecretHeader? SecretHeader(CliContext context)
    {
        var variable = BuiltinProxyOptionNames.AppSecretHeaderVariable;
        if (!context.Environment.TryGetValue(variable, out var text) || string.IsNullOrEmpty(text))
        {
            return null;
        }

        var colon = text.IndexOf(':', StringComparison.Ordinal);
        try
        {
            return colon > 0 ? new AppSecretHeader(text[..colon].Trim(), text[(colon + 1)..].Trim()) : throw new ArgumentException("no ':'");
        }
        catch (ArgumentException)
        {
            throw new UsageException($"{variable} is not valid: expected 'Name: value' (a header name, then printable ASCII); the value is not shown");
        }
    }
}
