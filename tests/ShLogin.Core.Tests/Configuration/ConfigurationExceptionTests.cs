using ShLogin.Configuration;

namespace ShLogin.Tests.Configuration;

public class ConfigurationExceptionTests
{
    [Fact]
    public void Message_names_setting_value_and_what_is_accepted()
    {
        var error = new ConfigurationException("SH_LOGIN_NGINX", "abc", "a port number 1-65535");

        Assert.Equal("SH_LOGIN_NGINX='abc' is not valid: expected a port number 1-65535", error.Message);
        Assert.Equal("SH_LOGIN_NGINX", error.Setting);
        Assert.Equal("abc", error.Value);
        Assert.Equal("a port number 1-65535", error.Accepted);
        Assert.False(error.IsSecret);
    }

    [Fact]
    public void A_reason_goes_before_what_is_accepted()
    {
        var error = new ConfigurationException("--port", "9000", "a free port", "nginx uses it");

        Assert.Equal("--port='9000' is not valid: nginx uses it; expected a free port", error.Message);
    }

    [Fact]
    public void Secret_values_show_only_their_length()
    {
        var error = ConfigurationException.ForSecret("SH_LOGIN_TOTP_SECRET", "ABCDEFGHIJKL", "Base32");

        Assert.Equal("SH_LOGIN_TOTP_SECRET=<hidden, 12 chars> is not valid: expected Base32", error.Message);
        Assert.Equal("<hidden, 12 chars>", error.Value);
        Assert.True(error.IsSecret);
        Assert.DoesNotContain("ABCDEFGHIJKL", error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Control_characters_are_escaped_so_the_message_stays_one_line()
    {
        var error = new ConfigurationException("SH_LOGIN_BIND", "a\r\nb\tc\u001bd", "an address", "bad\nreason");

        Assert.Equal(@"SH_LOGIN_BIND='a\r\nb\tc\x1bd' is not valid: bad reason; expected an address", error.Message);
    }

    [Fact]
    public void Long_values_are_shortened()
    {
        var error = new ConfigurationException("SH_LOGIN_CMD", new string('x', 500), "something shorter");

        Assert.Contains("'" + new string('x', 80) + "'…", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(new string('x', 81), error.Message, StringComparison.Ordinal);
        Assert.Equal(500, error.Value?.Length);
    }
}
