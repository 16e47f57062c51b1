using System.Text;
using System.Text.Encodings.Web;

namespace ShLogin.LoginService.Pages;

/// <summary>The sign-in form. Never echoes a submitted secret.</summary>
internal static class LoginPage
{
    public const string FormAction = "/auth/login";

    public static string Render(LoginPageModel model)
    {
        var body = new StringBuilder()
            .Append("<h1>Sign in</h1>")
            .Append(PageLayout.Message(model.Message))
            .Append($"<form method=\"post\" action=\"{FormAction}\">")
            .Append(PageLayout.AntiforgeryField(model.AntiforgeryFieldName, model.AntiforgeryToken))
            .Append($"<input type=\"hidden\" name=\"next\" value=\"{HtmlEncoder.Default.Encode(model.Next)}\">");

        var focus = " autofocus";
        if (model.AskToken)
        {
            body.Append("<label for=\"token\">Access token</label>")
                .Append("<input id=\"token\" name=\"token\" type=\"password\" required autocomplete=\"off\" ")
                .Append($"autocapitalize=\"none\" spellcheck=\"false\" maxlength=\"{LoginServiceOptions.MaxCredentialLength}\"{focus}>");
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
        return PageLayout.Render("Sign in", body.ToString());
    }
}
