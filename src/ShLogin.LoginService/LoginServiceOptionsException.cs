namespace ShLogin.LoginService;

/// <summary>The login service options are unusable; the message names what was wrong and what is accepted.</summary>
public sealed class LoginServiceOptionsException : Exception
{
    /// <summary>Creates the exception with a generic message.</summary>
    public LoginServiceOptionsException()
        : base("The login service options are invalid.")
    {
    }

    /// <summary>Creates the exception with the given message.</summary>
    public LoginServiceOptionsException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with the given message and cause.</summary>
    public LoginServiceOptionsException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
