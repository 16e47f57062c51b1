using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace ShLogin.LoginService.Endpoints;

/// <summary>Maps the login service's HTTP contract under <c>/auth</c>.</summary>
internal static class AuthEndpoints
{
    /// <summary>
    /// Handlers are plain <see cref="RequestDelegate"/>s: no parameter binding to generate at
    /// start-up, which keeps the service quick to start and small.
    /// </summary>
    public static IEndpointRouteBuilder MapShLoginAuth(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet(CheckEndpoint.Path, CheckEndpoint.HandleAsync);
        endpoints.MapMethods(SignInRedirectEndpoint.Path, [HttpMethods.Get, HttpMethods.Head], SignInRedirectEndpoint.HandleAsync);
        endpoints.MapGet(HealthEndpoint.Path, HealthEndpoint.HandleAsync);
        endpoints.MapGet(MetricsEndpoint.Path, MetricsEndpoint.HandleAsync);
        endpoints.MapGet(LoginEndpoint.Path, context => Login(context).GetAsync(context));
        endpoints.MapPost(LoginEndpoint.Path, context => Login(context).PostAsync(context));
        endpoints.MapGet(LogoutEndpoint.Path, context => Logout(context).GetAsync(context));
        endpoints.MapPost(LogoutEndpoint.Path, context => Logout(context).PostAsync(context));
        return endpoints;
    }

    private static LoginEndpoint Login(HttpContext context) => context.RequestServices.GetRequiredService<LoginEndpoint>();

    private static LogoutEndpoint Logout(HttpContext context) => context.RequestServices.GetRequiredService<LogoutEndpoint>();
}
