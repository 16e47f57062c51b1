using System.Text;
using System.Text.Encodings.Web;

namespace ShLogin.LoginService.Pages;

/// <summary>The sign-in form. Never echoes a submitted secret.</summary>
internal static class LoginPage
{
    public const string FormAction = "/auth/login";

    /// <summary>What the user reads where the token comes from (start prints it, with a one-click link).</summary>
    public const string TokenHint = "The token printed in the terminal where ShLogin was started.";

    /// <summary>The page's heading and title: the app it protects, so a bookmark opened days later says what this is.</summary>
    public static string Heading(string? appName) => appName is null ? "Sign in" : "Sign in to " + appName;

    public static string Render(LoginPageModel model)
    {
        var heading = Heading(model.AppName);
        var body = new StringBuilder()
            .Append($"<h1>{HtmlEncoder.Default.Encode(heading)}</h1>")
            .Append(PageLayout.Message(model.Message))
            .Append($"<form method=\"post\" action=\"{FormAction}\">")
            .Append(PageLayout.AntiforgeryField(model.AntiforgeryFieldName, model.AntiforgeryToken))
            .Append($"<input type=\"hidden\" name=\"next\" value=\"{HtmlEncoder.Default.Encode(model.Next)}\">");

        var focus = " autofocus";
        if (model.AskToken)
        {
            body.Append("<label for=\"token\">Access token</label>")
                .Append("<input id=\"token\" name=\"token\" type=\"password\" required autocomplete=\"off\" ")
                .Append($"autocapitalize=\"none\" spellcheck=\"false\" maxlength=\"{LoginServiceOptions.MaxCredentialLength}\" aria-describedby=\"token-hint\"{focus}>")
                .Append($"<p id=\"token-hint\">{TokenHint}</p>");
            focus = "";
        }

        if (model.AskCode)
        {
            body.Append("<label for=\"code\">Authenticator code</label>")
                .Append("<input id=\"code\" name=\"code\" type=\"text\" required inputmode=\"numeric\" autocomplete=\"one-time-code\" ")
                .Append($"pattern=\"[0-9 ]*\" maxlength=\"{model.CodeDigits + 2}\" aria-describedby=\"code-hint\"{focus}>")
                .Append($"<p id=\"code-hint\">The {model.CodeDigits}-digit code from your authenticator app.</p>");
        }

        body.Append("<button type=\"submit\">Sign in</button></form>");
        return PageLayout.Render(heading, body.ToString());
    }
}
