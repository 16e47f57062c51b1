namespace ShLogin.OtpServer;

/// <summary>The OTP server cannot start as configured; the message says what to change, in one line.</summary>
public sealed class OtpServerConfigurationException : Exception
{
    /// <summary>Creates the exception.</summary>
    public OtpServerConfigurationException()
    {
    }

    /// <summary>Creates the exception with its one-line message.</summary>
    public OtpServerConfigurationException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with its one-line message and cause.</summary>
    public OtpServerConfigurationException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
