using System.Globalization;
using Microsoft.AspNetCore.Http;
using ShLogin.OtpServer.Verification;

namespace ShLogin.OtpServer.Endpoints;

/// <summary>The answers, word for word where the seed's contract fixes them.</summary>
public static class OtpResponses
{
    /// <summary>403 when the caller's own credentials are wrong.</summary>
    public const string IncorrectCredentials = "Incorrect authentication credentials.";

    /// <summary>403 when the caller may not do this, or the verified token is wrong.</summary>
    public const string NoPermission = "You do not have permission to perform this action.";

    /// <summary>404.</summary>
    public const string NotFound = "Not found.";

    /// <summary><c>{"detail": …}</c> with <paramref name="status"/>.</summary>
    public static IResult Detail(int status, string detail) =>
        Results.Json(new DetailResponse(detail), OtpJsonContext.Default.DetailResponse, statusCode: status);

    /// <summary>The refusal for a failed check; null when it passed.</summary>
    public static IResult? Refusal(CheckResult result, HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(result);
        ArgumentNullException.ThrowIfNull(context);
        switch (result.Status)
        {
            case CheckStatus.Ok:
                return null;
            case CheckStatus.WrongCredentials:
                return Detail(StatusCodes.Status403Forbidden, IncorrectCredentials);
            case CheckStatus.Forbidden:
                return Detail(StatusCodes.Status403Forbidden, NoPermission);
            default:
                var seconds = Math.Max(1, (int)Math.Ceiling(result.RetryAfter.TotalSeconds));
                context.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
                return Detail(StatusCodes.Status429TooManyRequests, $"Request was throttled. Expected available in {seconds} seconds.");
        }
    }
}
