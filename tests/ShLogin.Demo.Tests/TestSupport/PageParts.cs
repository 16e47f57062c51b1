using System.Net;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Http;

namespace ShLogin.Demo.Tests.TestSupport;

/// <summary>Reads what tests look at in the demo page.</summary>
internal static partial class PageParts
{
    /// <summary>The raw HTML of the value cell of header <paramref name="name"/>.</summary>
    public static string HeaderCell(string html, string name)
    {
        var match = Regex.Match(
            html,
            "<th scope=\"row\" class=\"mono\">" + Regex.Escape(WebUtility.HtmlEncode(name)) + "</th><td class=\"mono\">(?<value>.*?)</td>",
            RegexOptions.Singleline);
        Assert.True(match.Success, $"the page has no row for header {name}");
        return match.Groups["value"].Value;
    }

    /// <summary>The raw HTML inside the request line's code element.</summary>
    public static string RequestLine(string html)
    {
        var match = RequestLinePattern().Match(html);
        Assert.True(match.Success, "the page has no request line");
        return match.Groups["line"].Value;
    }

    /// <summary>The text inside the only element <paramref name="tag"/> of the page.</summary>
    public static string OnlyElementText(string html, string tag)
    {
        var matches = Regex.Matches(html, $"<{tag}>(?<text>.*?)</{tag}>", RegexOptions.Singleline);
        return Assert.Single(matches).Groups["text"].Value;
    }

    public static async Task<string> BodyAsync(HttpContext context)
    {
        using var reader = new StreamReader(context.Response.Body);
        return await reader.ReadToEndAsync(TestContext.Current.CancellationToken);
    }

    [GeneratedRegex("<code class=\"line\">(?<line>.*?)</code>", RegexOptions.Singleline)]
    private static partial Regex RequestLinePattern();
}
