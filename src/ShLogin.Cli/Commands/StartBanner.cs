using ShLogin.Stack;

namespace ShLogin.Cli.Commands;

/// <summary>What <c>sh-login start</c> prints once the stack answers.</summary>
internal static class StartBanner
{
    public static async Task WriteAsync(TextWriter output, StackDescription stack, CliContext context, bool quiet)
    {
        await output.WriteAsync(quiet ? stack.Info.Url + Environment.NewLine : StackBanner.Render(stack, context.UserName, context.HostName));
        await output.FlushAsync();
    }
}
