using System.Security.Cryptography;
using System.Text;

namespace ShLogin.Demo.Endpoints;

/// <summary>
/// The page's only stylesheet and script, inline, and the Content-Security-Policy that allows
/// exactly these two by their hashes: nothing else on the page can run or load.
/// </summary>
internal static class PageAssets
{
    public const string Style = """
        :root{color-scheme:light dark;--fg:#1b1f24;--muted:#57606a;--bg:#f4f6f8;--card:#fff;--line:#d0d7de;--accent:#0b5fff;--hl:#fff5c7;--mark:#d4a72c;--ok:#1a7f37}
        @media (prefers-color-scheme:dark){:root{--fg:#e6edf3;--muted:#8b949e;--bg:#0d1117;--card:#161b22;--line:#30363d;--accent:#4c8dff;--hl:#3a2f05;--mark:#bb8009;--ok:#3fb950}}
        *{box-sizing:border-box}
        body{margin:0;background:var(--bg);color:var(--fg);font:15px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;padding:1.5rem 1rem}
        main{max-width:56rem;margin:0 auto}
        header{display:flex;align-items:center;justify-content:space-between;gap:1rem;flex-wrap:wrap}
        h1{font-size:1.5rem;margin:0}
        h2{font-size:1.1rem;margin:0 0 .75rem}
        p{margin:.5rem 0}
        a{color:var(--accent)}
        .logout{font-weight:600;text-decoration:none;border:1px solid var(--line);border-radius:.5rem;padding:.35rem .9rem;background:var(--card)}
        section{background:var(--card);border:1px solid var(--line);border-radius:.75rem;padding:1.25rem;margin:1rem 0}
        .user strong{color:var(--ok)}
        .muted{color:var(--muted)}
        code,.mono{font-family:ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;font-size:.85rem}
        .line{display:block;padding:.5rem .7rem;border-radius:.5rem;background:var(--bg);overflow-wrap:anywhere}
        table{width:100%;border-collapse:collapse;table-layout:fixed;margin-top:.75rem}
        th,td{text-align:left;vertical-align:top;padding:.4rem .6rem;border-top:1px solid var(--line);overflow-wrap:anywhere}
        thead th{border-top:0;font-size:.8rem;text-transform:uppercase;letter-spacing:.04em;color:var(--muted)}
        thead th:first-child{width:30%}
        tbody th{font-weight:600}
        tr.user-header{background:var(--hl)}
        tr.user-header th{box-shadow:inset 4px 0 var(--mark)}
        form{display:flex;gap:.5rem;margin:.75rem 0}
        input{flex:1;min-width:0;font:inherit;padding:.5rem .65rem;border:1px solid var(--line);border-radius:.5rem;background:transparent;color:inherit}
        button{font:inherit;font-weight:600;padding:.5rem 1rem;border:0;border-radius:.5rem;background:var(--accent);color:#fff;cursor:pointer}
        input:focus,button:focus,a:focus{outline:3px solid var(--accent);outline-offset:1px}
        ol{list-style:none;margin:0;padding:0;max-height:16rem;overflow:auto}
        li{padding:.3rem .6rem;border-top:1px solid var(--line);overflow-wrap:anywhere}
        li.sent{color:var(--muted)}
        .visually-hidden{position:absolute;width:1px;height:1px;overflow:hidden;clip-path:inset(50%);white-space:nowrap}
        """;

    // Same origin, ws: or wss: as the page itself; text goes in with textContent, never as markup.
    public const string Script = """
        "use strict";
        (() => {
          const state = document.getElementById("ws-state");
          const log = document.getElementById("ws-log");
          const form = document.getElementById("ws-form");
          const input = document.getElementById("ws-text");
          const url = (location.protocol === "https:" ? "wss://" : "ws://") + location.host + "/ws";
          let socket = null;
          let waiting = [];

          const show = (kind, text) => {
            const item = document.createElement("li");
            item.className = kind + " mono";
            item.textContent = text;
            log.prepend(item);
            while (log.childElementCount > 50) log.lastElementChild.remove();
          };

          const connect = () => {
            socket = new WebSocket(url);
            socket.binaryType = "arraybuffer";
            state.textContent = "connecting...";
            socket.addEventListener("open", () => {
              state.textContent = "connected";
              for (const text of waiting) socket.send(text);
              waiting = [];
            });
            socket.addEventListener("message", (event) => {
              show("echoed", typeof event.data === "string"
                ? "echo: " + event.data
                : "echo: " + event.data.byteLength + " bytes of binary data");
            });
            socket.addEventListener("close", (event) => {
              state.textContent = "closed (code " + event.code + "); sending a message reconnects";
            });
          };

          form.addEventListener("submit", (event) => {
            event.preventDefault();
            const text = input.value;
            if (text === "") return;
            input.value = "";
            show("sent", "sent: " + text);
            if (socket && socket.readyState === WebSocket.OPEN) {
              socket.send(text);
            } else {
              waiting.push(text);
              if (!socket || socket.readyState !== WebSocket.CONNECTING) connect();
            }
          });

          connect();
        })();
        """;

    /// <summary>
    /// Nothing but the two inline blocks above, WebSocket and fetch connections to this origin
    /// ('self' covers ws: and wss: of it), no framing, no base or form target elsewhere.
    /// </summary>
    public static readonly string ContentSecurityPolicy =
        $"default-src 'none'; style-src '{Sha256(Style)}'; script-src '{Sha256(Script)}'; connect-src 'self'; " +
        "img-src 'self'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

    private static string Sha256(string text) =>
        "sha256-" + Convert.ToBase64String(SHA256.HashData(Encoding.UTF8.GetBytes(text)));
}
