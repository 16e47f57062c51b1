namespace ShLogin.LoginService.Pages;

/// <summary>What the login form shows.</summary>
/// <param name="AskToken">Show the token field.</param>
/// <param name="AskCode">Show the TOTP code field.</param>
/// <param name="CodeDigits">Digits of a code, for the field's hint.</param>
/// <param name="Next">Where to go after the login (already sanitized).</param>
/// <param name="AntiforgeryFieldName">Name of the hidden antiforgery field.</param>
/// <param name="AntiforgeryToken">Value of the hidden antiforgery field.</param>
/// <param name="Message">An error to show, or null.</param>
/// <param name="AppName">The protected app's name, or null.</param>
internal sealed record LoginPageModel(
    bool AskToken,
    bool AskCode,
    int CodeDigits,
    string Next,
    string AntiforgeryFieldName,
    string AntiforgeryToken,
    string? Message,
    string? AppName = null);
