namespace ShLogin.EndToEndTests.Infrastructure;

/// <summary>
/// The two proxies a stack can have in front of its app (<c>SH_LOGIN_PROXY</c>): nginx, and the
/// built-in one of the login service. Suites that hold for both take one of these names.
/// </summary>
public static class Proxies
{
    /// <summary>nginx (needs it installed).</summary>
    public const string Nginx = "nginx";

    /// <summary>The built-in proxy (YARP in the login service).</summary>
    public const string Builtin = "builtin";

    /// <summary>Both, as theory data.</summary>
    public static TheoryData<string> Both => [Nginx, Builtin];

    /// <summary>Skips (or fails under CI) when <paramref name="proxy"/> needs a program that is missing.</summary>
    public static void Require(string proxy)
    {
        if (proxy == Nginx)
        {
            Requirements.Nginx();
        }
        else
        {
            Assert.Equal(Builtin, proxy);
        }
    }

    /// <summary><paramref name="options"/> with <c>SH_LOGIN_PROXY</c> set to <paramref name="proxy"/>.</summary>
    public static StackOptions Using(this StackOptions options, string proxy)
    {
        ArgumentNullException.ThrowIfNull(options);
        return options with { Environment = new Dictionary<string, string?>(options.Environment) { ["SH_LOGIN_PROXY"] = proxy } };
    }
}
