using System.Net;
using System.Net.Http.Headers;
using System.Text;
using ShLogin.OtpServer.Endpoints;
using ShLogin.OtpServer.Realms;
using ShLogin.OtpServer.Tests.TestSupport;

namespace ShLogin.OtpServer.Tests.Endpoints;

/// <summary>What <c>POST /ungleichotp/verify</c> and the entry endpoints do with bodies nobody should send.</summary>
public sealed class HostileInputTests : IAsyncLifetime
{
    private OtpServerHarness _server = null!;
    private TestEntry _auth = null!;
    private TestEntry _subject = null!;

    public async ValueTask InitializeAsync()
    {
        _server = await OtpServerHarness.StartAsync();
        _auth = await _server.AddAsync("checker", RealmPolicy.Auth);
        _subject = await _server.AddAsync("svc", "services");
    }

    public async ValueTask DisposeAsync() => await _server.DisposeAsync();

    public static TheoryData<string, string> MalformedBodies() => new()
    {
        { "", "malformed JSON" },
        { "{\"version\":", "malformed JSON" },
        { "{'version':'1'}", "malformed JSON" },
        { "{\"version\":\"1\",}", "malformed JSON" },
        { "{\"version\":\"1\"} {}", "malformed JSON" },
        { "[]", "one JSON object" },
        { "\"verify\"", "one JSON object" },
        { "null", "one JSON object" },
        { "{\"a\":{\"b\":{\"c\":{\"d\":{\"e\":1}}}}}", "malformed JSON" },
        { "version=1&name=a", "malformed JSON" },
    };

    [Theory]
    [MemberData(nameof(MalformedBodies))]
    public async Task Malformed_json_is_a_400_saying_so(string body, string expected)
    {
        var response = await _server.PostJsonAsync("/ungleichotp/verify", body);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains(expected, await OtpServerHarness.DetailAsync(response), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Bytes_that_are_not_utf8_are_a_400()
    {
        var content = new ByteArrayContent([0x7b, 0x22, 0xff, 0xfe, 0x22, 0x3a, 0x22, 0x31, 0x22, 0x7d]);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        var response = await _server.Client.PostAsync(new Uri("/ungleichotp/verify", UriKind.Relative), content, TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("malformed JSON", await OtpServerHarness.DetailAsync(response), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("version")]
    [InlineData("name")]
    [InlineData("realm")]
    [InlineData("token")]
    [InlineData("verifyname")]
    [InlineData("verifyrealm")]
    [InlineData("verifytoken")]
    public async Task Each_missing_field_is_named(string field)
    {
        var fields = Fields().Where(f => f.Key != field).Select(f => $"\"{f.Key}\":\"{f.Value}\"");
        var response = await _server.PostJsonAsync("/ungleichotp/verify", "{" + string.Join(',', fields) + "}");
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal($"missing field '{field}'", await OtpServerHarness.DetailAsync(response));
    }

    [Theory]
    [InlineData("token", "123456")]
    [InlineData("verifytoken", "null")]
    [InlineData("name", "[\"checker\"]")]
    [InlineData("realm", "{\"x\":1}")]
    [InlineData("version", "1")]
    [InlineData("verifyname", "true")]
    public async Task A_field_of_the_wrong_type_is_named(string field, string json)
    {
        var fields = Fields().Select(f => f.Key == field ? $"\"{f.Key}\":{json}" : $"\"{f.Key}\":\"{f.Value}\"");
        var response = await _server.PostJsonAsync("/ungleichotp/verify", "{" + string.Join(',', fields) + "}");
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal($"field '{field}' must be a string", await OtpServerHarness.DetailAsync(response));
    }

    [Fact]
    public async Task A_field_given_twice_is_refused_not_guessed()
    {
        var fields = Fields().Select(f => $"\"{f.Key}\":\"{f.Value}\"").Append($"\"verifyname\":\"{_auth.Name}\"");
        var response = await _server.PostJsonAsync("/ungleichotp/verify", "{" + string.Join(',', fields) + "}");
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("field 'verifyname' given twice", await OtpServerHarness.DetailAsync(response));
    }

    [Fact]
    public async Task Another_version_is_refused()
    {
        var fields = Fields().Select(f => f.Key == "version" ? "\"version\":\"2\"" : $"\"{f.Key}\":\"{f.Value}\"");
        var response = await _server.PostJsonAsync("/ungleichotp/verify", "{" + string.Join(',', fields) + "}");
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("version", await OtpServerHarness.DetailAsync(response), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Unknown_fields_are_ignored_and_the_request_still_verifies()
    {
        var fields = Fields().Select(f => $"\"{f.Key}\":\"{f.Value}\"").Append("\"extra\":{\"deep\":[1,2]}");
        var response = await _server.PostJsonAsync("/ungleichotp/verify", "{" + string.Join(',', fields) + "}");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("""{"status":"OK"}""", await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task A_huge_body_is_a_400_with_its_limit()
    {
        var body = "{\"version\":\"" + new string('1', 100_000) + "\"}";
        var response = await _server.PostJsonAsync("/ungleichotp/verify", body);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal($"request body larger than {RequestFields.MaxBodyBytes} bytes", await OtpServerHarness.DetailAsync(response));
    }

    [Fact]
    public async Task A_huge_chunked_body_without_length_is_a_400_too()
    {
        var content = new PushStreamContent(new string(' ', 200_000) + "{}");
        var response = await _server.Client.PostAsync(new Uri("/ungleichotp/verify", UriKind.Relative), content, TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("larger than", await OtpServerHarness.DetailAsync(response), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_long_string_field_is_refused()
    {
        var fields = Fields().Select(f => f.Key == "token" ? $"\"token\":\"{new string('1', 300)}\"" : $"\"{f.Key}\":\"{f.Value}\"");
        var response = await _server.PostJsonAsync("/ungleichotp/verify", "{" + string.Join(',', fields) + "}");
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("longer than", await OtpServerHarness.DetailAsync(response), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("realm", "ungleich\\u2010auth")]
    [InlineData("realm", "ungleich-auth\\u200b")]
    [InlineData("realm", "ungleich-auth\\u0000")]
    [InlineData("name", "che\\u0301cker")]
    [InlineData("name", "\\u0441hecker")]
    [InlineData("verifyname", "svc\\n")]
    [InlineData("verifyrealm", "")]
    public async Task Names_and_realms_outside_plain_ascii_are_refused(string field, string escapedValue)
    {
        var fields = Fields().Select(f => f.Key == field ? $"\"{field}\":\"{escapedValue}\"" : $"\"{f.Key}\":\"{f.Value}\"");
        var response = await _server.PostJsonAsync("/ungleichotp/verify", "{" + string.Join(',', fields) + "}");
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal($"field '{field}': {EntryNames.Accepted}", await OtpServerHarness.DetailAsync(response));
    }

    [Fact]
    public async Task An_escaped_lone_surrogate_is_not_text()
    {
        var fields = Fields().Select(f => f.Key == "name" ? "\"name\":\"\\ud800\"" : $"\"{f.Key}\":\"{f.Value}\"");
        var response = await _server.PostJsonAsync("/ungleichotp/verify", "{" + string.Join(',', fields) + "}");
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("field 'name': malformed JSON (not valid UTF-8 text)", await OtpServerHarness.DetailAsync(response));
    }

    [Theory]
    [InlineData("\\uff11\\uff12\\uff13\\uff14\\uff15\\uff16")]
    [InlineData("\\u0661\\u0662\\u0663\\u0664\\u0665\\u0666")]
    [InlineData(" 123456")]
    [InlineData("12345")]
    [InlineData("1234567")]
    [InlineData("")]
    public async Task A_caller_token_that_is_not_six_ascii_digits_is_incorrect_credentials(string escapedToken)
    {
        var fields = Fields().Select(f => f.Key == "token" ? $"\"token\":\"{escapedToken}\"" : $"\"{f.Key}\":\"{f.Value}\"");
        var response = await _server.PostJsonAsync("/ungleichotp/verify", "{" + string.Join(',', fields) + "}");
        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal(OtpResponses.IncorrectCredentials, await OtpServerHarness.DetailAsync(response));
    }

    [Fact]
    public async Task A_verified_token_with_fullwidth_digits_of_the_right_code_is_refused()
    {
        var code = _subject.Code();
        var fullwidth = string.Concat(code.Select(c => $"\\u{0xff10 + (c - '0'):x4}"));
        var fields = Fields().Select(f => f.Key == "verifytoken" ? $"\"verifytoken\":\"{fullwidth}\"" : $"\"{f.Key}\":\"{f.Value}\"");
        var response = await _server.PostJsonAsync("/ungleichotp/verify", "{" + string.Join(',', fields) + "}");
        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal(OtpResponses.NoPermission, await OtpServerHarness.DetailAsync(response));

        // The code itself was not spent by that attempt.
        Assert.Equal(HttpStatusCode.OK, (await _server.VerifyAsync(_auth, _subject)).StatusCode);
    }

    [Theory]
    [InlineData("{\"name\":\"n\",\"realm\":\"r\",\"trusted\":\"yes\"}", "field 'trusted' must be true or false")]
    [InlineData("{\"realm\":\"r\"}", "missing field 'name'")]
    [InlineData("{\"name\":\"n\",\"realm\":\"ungleich\\u2010admin\"}", "field 'realm': 1 to 128 of A-Z a-z 0-9 . _ - @ +")]
    [InlineData("{\"name\":\"n\",\"realm\":\"r\",\"username\":\"a\\u202eb\"}", "field 'username': at most 150 characters, without control or formatting characters")]
    public async Task Create_refuses_bad_entries_and_makes_nothing(string body, string detail)
    {
        var admin = await _server.AddAsync("admin", RealmPolicy.Admin);
        var before = (await _server.Store.ListAsync(TestContext.Current.CancellationToken)).Count;
        var response = await _server.SendAsync(admin, HttpMethod.Post, "/ungleichotp/", body);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(detail, await OtpServerHarness.DetailAsync(response));
        Assert.Equal(before, (await _server.Store.ListAsync(TestContext.Current.CancellationToken)).Count);
    }

    [Fact]
    public async Task Management_without_credentials_is_incorrect_credentials()
    {
        var response = await _server.Client.GetAsync(new Uri("/ungleichotp/", UriKind.Relative), TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal(OtpResponses.IncorrectCredentials, await OtpServerHarness.DetailAsync(response));
    }

    private Dictionary<string, string> Fields() => new()
    {
        ["version"] = "1",
        ["name"] = _auth.Name,
        ["realm"] = _auth.Realm,
        ["token"] = _auth.Code(),
        ["verifyname"] = _subject.Name,
        ["verifyrealm"] = _subject.Realm,
        ["verifytoken"] = _subject.Code(),
    };

    /// <summary>A body sent chunked (no Content-Length).</summary>
    private sealed class PushStreamContent(string text) : HttpContent
    {
        protected override async Task SerializeToStreamAsync(Stream stream, TransportContext? context) =>
            await stream.WriteAsync(Encoding.UTF8.GetBytes(text));

        protected override bool TryComputeLength(out long length)
        {
            length = 0;
            return false;
        }
    }
}
