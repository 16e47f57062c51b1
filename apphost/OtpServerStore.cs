namespace ShLogin.AppHost;

/// <summary>Where the OTP server the AppHost runs keeps its state (<c>--otp-server</c>).</summary>
internal enum OtpServerStore
{
    /// <summary>SQLite in its data directory, inside the runtime directory.</summary>
    Sqlite,

    /// <summary>A private PostgreSQL cluster the AppHost makes and runs (<see cref="PostgresServer"/>).</summary>
    Postgres,
}
