using System.Globalization;

namespace ShLogin.Nginx;

/// <summary>
/// Lets nginx itself answer a request that carries no session at all (neither the session cookie
/// nor the gate cookie) with the login service's own answer: <c>302</c> to
/// <c>/auth/login?next=</c> and the request target, percent-encoded, with the same cache headers,
/// and without asking the login service. Anonymous traffic then costs the login service nothing.
/// </summary>
/// <remarks>
/// <para>
/// The login service computes <c>next</c> as <c>Uri.EscapeDataString(NextPath.Sanitize(uri))</c>:
/// a target that is not a safe same-site path becomes <c>/</c>, anything else is encoded except
/// the RFC 3986 unreserved characters. nginx has no such function, so maps do the same for the
/// targets whose outcome they can decide exactly, and leave every other request to the login
/// service, as before (an empty <see cref="LocationVariable"/>):
/// </para>
/// <list type="bullet">
/// <item>Only printable ASCII (<c>!</c> to <c>~</c>); anything else (raw UTF-8, say) is the login service's.</item>
/// <item>Unsafe, so <c>next=%2F</c>: longer than <see cref="MaxNextLength"/>, not starting with
/// exactly one <c>/</c>, a backslash, or a percent escape that decodes to <c>/</c> or <c>\</c>
/// right after the first <c>/</c>, to a backslash or to a control character.</item>
/// <item>Safe, so encoded: every percent escape decodes to printable ASCII other than <c>%</c>
/// and <c>\</c> (so one decoding round ends it), with at most <see cref="MaxEscapedCharacters"/>
/// characters to escape. Other escapes (<c>%25</c>, non-ASCII, a lone <c>%</c>) are the login service's.</item>
/// </list>
/// <para>
/// Encoding is a chain of maps, each taking the next run of unreserved characters and one character
/// to escape; nginx evaluates a map only when its value is needed, so a target costs as many steps as
/// it has characters to escape, and one with more than the chain holds is the login service's.
/// </para>
/// </remarks>
internal static class NginxSignInRedirect
{
    /// <summary>The login page URL for an anonymous request nginx answers itself; empty when the login service decides.</summary>
    public const string LocationVariable = "$shlogin_anon";

    /// <summary>The login service's <c>NextPath.MaxLength</c>: a longer target is unsafe.</summary>
    public const int MaxNextLength = 2048;

    /// <summary>How many characters a target may have to escape for nginx to encode it.</summary>
    public const int MaxEscapedCharacters = 16;

    // Short names throughout: nginx keeps all variables in one hash of 64-byte buckets, where long names
    // do not fit together and warn ("could not build optimal variables_hash").
    private const string KindVariable = "$shlogin_nkind";
    private const string NextVariable = "$shlogin_next";
    private const string AnonymousLocationVariable = "$shlogin_nloc";
    // The parts of encoding step k, named shlogin_n{k}{part}: the unreserved characters before the
    // next one to escape, that character, the rest after it, its escape and the encoded whole.
    private const char Plain = 'p';
    private const char Character = 'c';
    private const char Rest = 'r';
    private const char Escaped = 'x';
    private const char Encoded = 'v';

    private const string SafeKind = "safe";
    private const string UnsafeKind = "unsafe";

    // A value no encoded target contains ('!' is always escaped): the chain ran out of steps, or met a character it cannot escape.
    private const string GiveUp = "!";

    // RFC 3986 unreserved: what Uri.EscapeDataString leaves as it is.
    private const string Unreserved = "A-Za-z0-9._~-";

    // Printable ASCII but backslash (\x5c) and '%' (\x25): written as themselves.
    private const string PlainCharacter = @"[\x21-\x24\x26-\x5b\x5d-\x7e]";

    // A percent escape of printable ASCII other than '%' (25), '\' (5C) and DEL (7F), in either case.
    private const string HarmlessEscape = "%(?:2[0-46-9a-fA-F]|[346][0-9a-fA-F]|5[0-9abd-fABD-F]|7[0-9a-eA-E])";

    /// <summary>The characters of printable ASCII that <c>Uri.EscapeDataString</c> escapes; backslash never gets this far.</summary>
    internal static IEnumerable<char> EscapedCharacters =>
        Enumerable.Range('!', '~' - '!' + 1)
            .Select(code => (char)code)
            .Where(c => !char.IsAsciiLetterOrDigit(c) && c is not ('.' or '_' or '~' or '-' or '\\'));

    /// <summary>
    /// Writes the maps that define <see cref="LocationVariable"/> for requests without the cookies in
    /// <paramref name="sessionCookieNames"/> (letters, digits, '_' and '-' only; matched as nginx and
    /// ASP.NET Core match cookie names, ignoring case).
    /// </summary>
    public static void WriteMaps(NginxConfigWriter writer, IReadOnlyCollection<string> sessionCookieNames)
    {
        writer.BlankLine();
        writer.Comment("No session cookie at all: nginx sends the browser to the login page itself, as the login service");
        writer.Comment("would (same Location, same headers). Empty when the login service decides, as for every session.");

        // Any occurrence of a name not preceded by another token character: a false match only
        // means the login service is asked, as before.
        writer.Block($"map $http_cookie {LocationVariable}", map => map
            .Directive("default", AnonymousLocationVariable)
            .Directive($"\"~*(?:^|[^A-Za-z0-9_-])(?:{string.Join('|', sessionCookieNames)})\\s*=\"", "\"\""));

        writer.Block($"map {NextVariable} {AnonymousLocationVariable}", map => map
            .Directive("default", $"\"{NginxAuthContract.LoginPath}?next={NextVariable}\"")
            .Directive("\"\"", "\"\"")
            .Directive($"\"~{GiveUp}\"", "\"\""));

        writer.Block($"map {KindVariable} {NextVariable}", map => map
            .Directive("default", "\"\"")
            .Directive(UnsafeKind, "\"%2F\"")
            .Directive(SafeKind, StepVariable(1)));

        // Tried in this order; the first match decides.
        writer.Block($"map $request_uri {KindVariable}", map => map
            .Directive("default", "\"\"")
            .Directive("\"~[^\\x21-\\x7e]\"", "\"\"")
            .Directive($"\"~^.{{{MaxNextLength + 1}}}\"", UnsafeKind)
            .Directive("\"~^(?:[^/]|/[/\\x5c])\"", UnsafeKind)
            .Directive("\"~\\x5c\"", UnsafeKind)
            .Directive("\"~^/%(?:2[fF]|5[cC])\"", UnsafeKind)
            .Directive("\"~%(?:[01][0-9a-fA-F]|5[cC]|7[fF])\"", UnsafeKind)
            .Directive($"\"~^/(?:{PlainCharacter}|{HarmlessEscape})*$\"", SafeKind));

        for (var step = 1; step <= MaxEscapedCharacters + 1; step++)
        {
            WriteStep(writer, step);
        }
    }

    /// <summary>Writes, inside a location that would ask the login service, the answer for a request without a session.</summary>
    public static void WriteRedirect(NginxConfigWriter location)
    {
        location
            .Directive("absolute_redirect", "off")
            .Block($"if ({LocationVariable})", block => block
                .Directive("add_header", "Cache-Control", "no-store", "always")
                .Directive("add_header", "Pragma", "no-cache", "always")
                .Directive("add_header", "Referrer-Policy", "no-referrer", "always")
                .Directive("return", "302", LocationVariable))
            .BlankLine();
    }

    // Step k encodes its source: "" is done; unreserved characters, one to escape and the rest (step k+1);
    // only unreserved characters stay as they are. The last step only takes what needs no escaping.
    private static void WriteStep(NginxConfigWriter writer, int step)
    {
        var source = step == 1 ? "$request_uri" : "$" + Capture(Rest, step - 1);
        var last = step == MaxEscapedCharacters + 1;
        writer.Block($"map {source} {StepVariable(step)}", map =>
        {
            map.Directive("default", $"\"{GiveUp}\"")
                .Directive("\"\"", "\"\"")
                .Directive($"\"~^([{Unreserved}]+)$\"", "$1");
            if (!last)
            {
                map.Directive(
                    $"\"~^(?<{Capture(Plain, step)}>[{Unreserved}]*)(?<{Capture(Character, step)}>[^{Unreserved}])(?<{Capture(Rest, step)}>.*)$\"",
                    $"\"${Capture(Plain, step)}${Capture(Escaped, step)}{StepVariable(step + 1)}\"");
            }
        });

        if (last)
        {
            return;
        }

        writer.Block($"map ${Capture(Character, step)} ${Capture(Escaped, step)}", map =>
        {
            map.Directive("default", $"\"{GiveUp}\"");
            foreach (var c in EscapedCharacters)
            {
                var key = c == '"' ? "'\"'" : $"\"{c}\"";
                map.Directive(key, "%" + ((int)c).ToString("X2", CultureInfo.InvariantCulture));
            }
        });
    }

    private static string StepVariable(int step) => "$" + Capture(Encoded, step);

    private static string Capture(char part, int step) => $"shlogin_n{step}{part}";
}
