namespace ShLogin.Vault.Web;

/// <summary>The page's style and script, served from this origin (the CSP allows nothing else).</summary>
internal static class OtpAssets
{
    public const string Style = """
        :root { color-scheme: light dark; --accent: #2563eb; --muted: #6b7280; }
        * { box-sizing: border-box; }
        body { margin: 0; font: 16px/1.4 system-ui, sans-serif; }
        main { max-width: 40rem; margin: 0 auto; padding: 1rem; }
        h1 { font-size: 1.3rem; margin: 0 0 1rem; }
        #search, input, button { font: inherit; width: 100%; padding: .6rem; margin: .25rem 0; border-radius: .4rem; border: 1px solid var(--muted); }
        button { background: var(--accent); color: #fff; border: 0; cursor: pointer; }
        button.danger { background: #dc2626; }
        ul { list-style: none; padding: 0; margin: 0; }
        .account { display: grid; grid-template-columns: 1fr auto auto; grid-template-areas: "label code left" "label remove remove"; gap: .1rem .75rem; align-items: center; padding: .75rem 0; border-bottom: 1px solid color-mix(in srgb, var(--muted) 30%, transparent); }
        .label { grid-area: label; display: flex; flex-direction: column; min-width: 0; }
        .name { font-weight: 600; overflow-wrap: anywhere; }
        .issuer { color: var(--muted); font-size: .9rem; }
        .code { grid-area: code; font: 600 1.6rem/1 ui-monospace, monospace; letter-spacing: .08em; cursor: copy; }
        .left { grid-area: left; color: var(--muted); min-width: 2.5ch; text-align: right; font-variant-numeric: tabular-nums; }
        .left.soon { color: #dc2626; }
        .remove { grid-area: remove; justify-self: end; font-size: .85rem; color: var(--muted); }
        .hidden { display: none; }
        .error { color: #dc2626; } .notice { color: #15803d; }
        details.add { margin-top: 1.25rem; } summary { cursor: pointer; font-weight: 600; }
        label { display: block; margin-top: .5rem; }
        """;

    public const string Script = """
        "use strict";
        (() => {
          const list = document.getElementById("accounts");
          const search = document.getElementById("search");
          if (!list) { return; }
          let skew = 0;
          const now = () => Math.floor(Date.now() / 1000) + skew;
          const filter = () => {
            const term = (search ? search.value : "").trim().toLowerCase();
            for (const item of list.querySelectorAll(".account")) {
              item.classList.toggle("hidden", term.length > 0 && !item.dataset.name.includes(term));
            }
          };
          if (search) { search.addEventListener("input", filter); }
          const refresh = async () => {
            try {
              const response = await fetch("codes.json", { cache: "no-store", credentials: "same-origin" });
              if (!response.ok) { return; }
              const data = await response.json();
              skew = data.now - Math.floor(Date.now() / 1000);
              for (const account of data.accounts) {
                for (const output of list.querySelectorAll("output.code")) {
                  if (output.dataset.account === account.name) { output.textContent = account.code; }
                }
              }
            } catch (e) { /* offline: keep the codes shown */ }
          };
          let pending = false;
          const tick = () => {
            let rollover = false;
            for (const item of list.querySelectorAll(".account")) {
              const period = Number(item.dataset.period) || 30;
              const left = period - (now() % period);
              const label = item.querySelector(".left");
              if (label.textContent !== String(left) && left === period) { rollover = true; }
              label.textContent = String(left);
              label.classList.toggle("soon", left <= 5);
            }
            if (rollover && !pending) { pending = true; refresh().finally(() => { pending = false; }); }
          };
          for (const output of list.querySelectorAll("output.code")) {
            output.addEventListener("click", () => { if (navigator.clipboard) { navigator.clipboard.writeText(output.textContent); } });
          }
          refresh();
          setInterval(tick, 1000);
        })();
        """;
}
