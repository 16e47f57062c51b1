using ShLogin.OtpServer.Secrets;
using ShLogin.OtpServer.Storage;

namespace ShLogin.OtpServer;

/// <summary>What an OTP server instance runs on.</summary>
public sealed class OtpServerOptions
{
    /// <summary>Where entries and used steps live (migrated already).</summary>
    public required IOtpStore Store { get; init; }

    /// <summary>The server key's cipher.</summary>
    public required SeedCipher Cipher { get; init; }

    /// <summary>The clock (tests move it).</summary>
    public TimeProvider Time { get; init; } = TimeProvider.System;
}
