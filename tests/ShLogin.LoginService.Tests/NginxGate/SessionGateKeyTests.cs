using ShLogin.LoginService.NginxGate;
using ShLogin.Nginx;
using ShLogin.Secrets;

namespace ShLogin.LoginService.Tests.NginxGate;

public class SessionGateKeyTests
{
    [Fact]
    public void Is_a_key_nginx_s_map_accepts_and_the_same_for_the_same_session()
    {
        var sessionId = SecretTokens.NewToken();

        var key = SessionGateKey.For(sessionId);

        Assert.True(NginxSessionMap.IsValidKey(key), key);
        Assert.Equal(key, SessionGateKey.For(sessionId));
    }

    [Fact]
    public void Differs_between_sessions_and_reveals_nothing_of_the_session_id()
    {
        var keys = Enumerable.Range(0, 200).Select(_ => SecretTokens.NewToken()).Select(id => (Id: id, Key: SessionGateKey.For(id))).ToList();

        Assert.Equal(keys.Count, keys.Select(pair => pair.Key).Distinct(StringComparer.Ordinal).Count());
        Assert.All(keys, pair => Assert.DoesNotContain(pair.Key, pair.Id, StringComparison.OrdinalIgnoreCase));
        Assert.All(keys, pair => Assert.DoesNotContain(pair.Id[..8], pair.Key, StringComparison.OrdinalIgnoreCase));
    }
}
