namespace ShLogin.OtpServer.Endpoints;

/// <summary>A request body the server does not accept; the message is the 400 answer's detail.</summary>
public sealed class RequestFieldException : Exception
{
    /// <summary>Creates the exception.</summary>
    public RequestFieldException()
    {
    }

    /// <summary>Creates the exception with the detail for the client.</summary>
    public RequestFieldException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with the detail for the client and its cause.</summary>
    public RequestFieldException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
