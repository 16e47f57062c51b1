using System.Text;

namespace ShLogin.LoginService.Pages;

/// <summary>The sign-out page: a button that posts the form, so a link alone cannot sign anyone out.</summary>
internal static class LogoutPage
{
    public const string FormAction = "/auth/logout";

    public static string Render(bool signedIn, string antiforgeryFieldName, string antiforgeryToken, string? message)
    {
        var body = new StringBuilder().Append("<h1>Sign out</h1>").Append(PageLayout.Message(message));
        if (signedIn)
        {
            body.Append($"<form method=\"post\" action=\"{FormAction}\">")
                .Append(PageLayout.AntiforgeryField(antiforgeryFieldName, antiforgeryToken))
                .Append("<p>End this session on this browser.</p>")
                .Append("<button type=\"submit\" autofocus>Sign out</button></form>");
        }
        else
        {
            body.Append("<p>You are not signed in.</p>")
                .Append($"<p><a href=\"{LoginPage.FormAction}\">Sign in</a></p>");
        }

        return PageLayout.Render("Sign out", body.ToString());
    }
}
