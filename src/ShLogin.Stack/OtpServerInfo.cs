namespace ShLogin.Stack;

/// <summary>How to reach the OTP server a stack runs beside it (the AppHost's <c>--otp-server</c>), and its first admin entry.</summary>
/// <param name="Socket">The unix socket it listens on (0600).</param>
/// <param name="Store">Where its state is: <c>sqlite</c> or <c>postgres</c>.</param>
/// <param name="AdminName">The first admin entry's name.</param>
/// <param name="AdminRealm">Its realm.</param>
/// <param name="AdminSeedFile">The 0600 file holding its seed (Base32, one line), for <c>sh-login totp code --secret-file</c>.</param>
public sealed record OtpServerInfo(string Socket, string Store, string AdminName, string AdminRealm, string AdminSeedFile);
