using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using ShLogin.EndToEndTests.Infrastructure;
using ShLogin.Testing.Network;

namespace ShLogin.EndToEndTests.Faults;

/// <summary>
/// With <c>--restart-workload</c>, an app on a loopback port that exits leaves its port to anyone:
/// another user who binds it first must never receive the signed-in requests nginx forwards.
/// </summary>
public sealed class AppPortTakeoverTests
{
    private const string ImpostorBody = "IMPOSTOR";
    private const string RealAppBody = "Directory listing for /";
    private static readonly TimeSpan Limit = TimeSpan.FromSeconds(20);

    // Binds the port as soon as it is free (SO_REUSEADDR, as an attacker would, past TIME_WAIT),
    // then answers every request with a body of its own and reports each one.
    private static readonly string Impostor = """
        import socket, sys, time
        port = int(sys.argv[1])
        while True:
            s = socket.socket()
            s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
            try:
                s.bind(("127.0.0.1", port))
                s.listen(64)
                break
            except OSError:
                s.close()
                time.sleep(0.001)
        print("bound", flush=True)
        while True:
            c, _ = s.accept()
            print("hit", flush=True)
            c.recv(65536)
            c.sendall(b"HTTP/1.1 200 OK\r\nContent-Length: 8\r\nConnection: close\r\n\r\nIMPOSTOR")
            c.close()
        """.Replace("\r\n", "\n", StringComparison.Ordinal);

    [Fact]
    public async Task Signed_in_requests_never_reach_another_user_who_takes_the_app_port_and_the_real_app_is_served_again_once_it_is_free()
    {
        Requirements.Nginx();
        var python = Requirements.Python();
        Requirements.Root("binding the app's port as another user (runuser -u nobody) needs root.");
        var runUser = Requirements.RunUser();
        var port = FreePort.Next();
        var options = StackOptions.PythonHttpServer(python);
        await using var stack = await StackProcess.StartAsync(options with
        {
            Environment = new Dictionary<string, string?>(options.Environment) { ["SH_LOGIN_PORT"] = port.ToString(CultureInfo.InvariantCulture) },
            Arguments = ["--restart-workload"],
        });
        using var browser = FormBrowser.For(stack.Url);
        using (await browser.GetAsync($"/auth/login?token={Uri.EscapeDataString(stack.Token)}"))
        {
        }

        var cookies = string.Join("; ", new[] { "shlogin_" + stack.Ready.NginxPort.ToString(CultureInfo.InvariantCulture) }
            .SelectMany(name => new[] { name, name + "_gate" })
            .Select(name => browser.Cookie(name) is { } value ? $"{name}={value}" : null)
            .OfType<string>());
        Assert.Contains(RealAppBody, (await GetAsync(stack, cookies)).Body, StringComparison.Ordinal);
        var app = Assert.Single(stack.Descendants(), process => process.CommandLine.Contains("http.server", StringComparison.Ordinal));

        using var impostor = StartImpostor(runUser, python, port);
        using var answers = new RequestLoop(stack, cookies);
        await answers.WaitForAnswersAsync(5);
        Signals.Send(app.Id, Signals.SigKill);

        Assert.True(await impostor.WaitForLineAsync("bound", Limit), $"The impostor never got the port {port}.\n{impostor}\n{stack.Describe()}");
        var refusal = $"port 127.0.0.1:{port} is held by a process that this stack did not start (uid 65534";
        var refused = await WaitUntilAsync(() => stack.StandardError.Contains(refusal, StringComparison.Ordinal) || impostor.Lines.Contains("hit"), Limit);
        var seen = answers.Count;
        await answers.WaitForAnswersAsync(seen + 20);

        Assert.False(impostor.Lines.Contains("hit"), $"A request reached the impostor.\n{impostor}\n{stack.Describe()}");
        Assert.DoesNotContain(answers.Snapshot(), answer => answer.Body.Contains(ImpostorBody, StringComparison.Ordinal));
        Assert.True(refused, $"start did not name the port and the other user's uid.\n{stack.Describe()}");
        Assert.All(answers.Snapshot(), answer => Assert.True(
            answer.Status is HttpStatusCode.BadGateway or HttpStatusCode.ServiceUnavailable
                || (answer.Status == HttpStatusCode.OK && answer.Body.Contains(RealAppBody, StringComparison.Ordinal)),
            $"unexpected answer {(int)answer.Status}: {answer.Body}"));
        Assert.Contains(answers.Snapshot(), answer => answer.Status is HttpStatusCode.BadGateway or HttpStatusCode.ServiceUnavailable);

        impostor.Kill();
        Assert.True(
            await WaitUntilAsync(async () => (await GetAsync(stack, cookies)) is { Status: HttpStatusCode.OK } answer && answer.Body.Contains(RealAppBody, StringComparison.Ordinal), Limit),
            $"The real app was not served again within {Limit.TotalSeconds} s of the port being free.\n{stack.Describe()}");
        Assert.False(impostor.Lines.Contains("hit"), $"A request reached the impostor.\n{impostor}");
    }

    private static ImpostorProcess StartImpostor(string runUser, string python, int port)
    {
        var info = ProcessRunner.CreateStartInfo(runUser, ["-u", "nobody", "--", python, "-c", Impostor, port.ToString(CultureInfo.InvariantCulture)]);
        info.WorkingDirectory = "/";
        return new ImpostorProcess(Process.Start(info) ?? throw new InvalidOperationException("runuser did not start"));
    }

    private static async Task<(HttpStatusCode Status, string Body)> GetAsync(StackProcess stack, string cookies)
    {
        using var handler = new HttpClientHandler { AllowAutoRedirect = false, UseCookies = false };
        using var http = new HttpClient(handler) { Timeout = TimeSpan.FromSeconds(5) };
        using var request = new HttpRequestMessage(HttpMethod.Get, stack.Url);
        request.Headers.Add("Cookie", cookies);
        using var answer = await http.SendAsync(request, TestContext.Current.CancellationToken);
        return (answer.StatusCode, await answer.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
    }

    private static Task<bool> WaitUntilAsync(Func<bool> condition, TimeSpan limit) =>
        WaitUntilAsync(() => Task.FromResult(condition()), limit);

    private static async Task<bool> WaitUntilAsync(Func<Task<bool>> condition, TimeSpan limit)
    {
        var waited = Stopwatch.StartNew();
        while (waited.Elapsed < limit)
        {
            if (await condition())
            {
                return true;
            }

            await Task.Delay(50, TestContext.Current.CancellationToken);
        }

        return false;
    }

    /// <summary>Signed-in requests sent one after another, as a busy browser tab would, until disposed.</summary>
    private sealed class RequestLoop : IDisposable
    {
        private readonly ConcurrentQueue<(HttpStatusCode Status, string Body)> answers = new();
        private readonly CancellationTokenSource stop = new();
        private readonly Task loop;

        public RequestLoop(StackProcess stack, string cookies)
        {
            loop = Task.Run(async () =>
            {
                while (!stop.IsCancellationRequested)
                {
                    try
                    {
                        answers.Enqueue(await GetAsync(stack, cookies));
                    }
                    catch (HttpRequestException)
                    {
                        // A connection nginx closed while the app went away: no answer, nothing delivered.
                    }
                    catch (TaskCanceledException) when (!stop.IsCancellationRequested)
                    {
                    }
                }
            });
        }

        public int Count => answers.Count;

        public IReadOnlyList<(HttpStatusCode Status, string Body)> Snapshot() => [.. answers];

        public async Task WaitForAnswersAsync(int count)
        {
            Assert.True(await WaitUntilAsync(() => answers.Count >= count, Limit), $"Only {answers.Count} answers within {Limit.TotalSeconds} s.");
        }

        public void Dispose()
        {
            stop.Cancel();
            try
            {
                loop.Wait(TimeSpan.FromSeconds(10));
            }
            catch (AggregateException)
            {
            }

            stop.Dispose();
        }
    }

    /// <summary>The other user's listener, with the lines it printed.</summary>
    private sealed class ImpostorProcess : IDisposable
    {
        private readonly Process process;
        private readonly ConcurrentQueue<string> lines = new();

        public ImpostorProcess(Process process)
        {
            this.process = process;
            process.OutputDataReceived += (_, line) =>
            {
                if (line.Data is not null)
                {
                    lines.Enqueue(line.Data);
                }
            };
            process.BeginOutputReadLine();
            process.BeginErrorReadLine();
        }

        public IReadOnlyList<string> Lines => [.. lines];

        public Task<bool> WaitForLineAsync(string line, TimeSpan limit) => WaitUntilAsync(() => lines.Contains(line), limit);

        public void Kill()
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
                process.WaitForExit(TimeSpan.FromSeconds(10));
            }
        }

        public void Dispose()
        {
            Kill();
            process.Dispose();
        }

        public override string ToString() => "impostor printed: " + string.Join(", ", lines);
    }
}
