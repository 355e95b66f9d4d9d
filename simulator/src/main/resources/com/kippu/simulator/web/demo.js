// The demo page: the scripted customer's screens and answers, as the server streams them.

const $ = (id) => document.getElementById(id);

function el(tag, props, ...children) {
  const node = document.createElement(tag);
  Object.assign(node, props || {});
  for (const c of children) node.append(c);
  return node;
}

function render(s) {
  document.documentElement.lang = s.language;
  for (const b of document.querySelectorAll("[data-lang]")) {
    b.setAttribute("aria-pressed", String(b.dataset.lang === s.language));
  }
  $("current").textContent = s.current || "starting";
  $("scenario-title").textContent = s.title;
  const screen = s.screen;
  $("screen").dataset.screen = screen.id || "";
  $("screen-title").textContent = screen.title || "";
  $("screen-lines").replaceChildren(...(screen.lines || []).map((l) => el("p", { textContent: l })));
  $("choices").replaceChildren(
    ...(screen.choices || []).map((c) => {
      const b = el("button", { className: "choice", textContent: c.label, disabled: true });
      if (c.key === screen.chosen) b.classList.add("chosen");
      return b;
    }));
  $("scenarios").replaceChildren(
    ...s.scenarios.map((x) => el("li", { className: x.status.split(":")[0], textContent: `${x.name}: ${x.status}` })));
  $("transcript").replaceChildren(...s.transcript.map((t) => el("li", { textContent: t })));
  // The scenario's narration, newest last: steps, checks and device actions are where a pause stops.
  $("narration").replaceChildren(
    ...s.narration.map((n) => el("li", { className: n.kind, textContent: n.text })));
  $("narration").lastElementChild?.scrollIntoView({ block: "nearest" });
  $("run-state").textContent = s.waiting
    ? "paused at: " + (s.narration.length ? s.narration[s.narration.length - 1].text : "the start")
    : s.paused ? "pausing at the next step…" : "running";
  document.body.dataset.paused = String(s.paused);
  document.body.dataset.waiting = String(s.waiting);
  $("pause").disabled = s.paused;
  $("resume").disabled = !s.paused;
  $("step").disabled = !s.paused;
  const receipts = $("receipts");
  const names = s.receipts.join(",");
  if (receipts.dataset.names !== names) {
    receipts.dataset.names = names;
    receipts.replaceChildren(...s.receipts.map((r) => el("img", { src: "/receipts/" + r + "?" + s.current, alt: r })));
  }
}

for (const b of document.querySelectorAll("[data-lang]")) {
  b.onclick = () =>
    fetch("/api/language", { method: "POST", body: JSON.stringify({ language: b.dataset.lang }) });
}
for (const b of document.querySelectorAll("[data-control]")) {
  b.onclick = async () => {
    const response = await fetch("/api/control", {
      method: "POST",
      body: JSON.stringify({ action: b.dataset.control }),
    });
    const answer = await response.json();
    $("message").textContent = response.ok ? "" : answer.error;
    $("message").hidden = response.ok;
  };
}
const events = new EventSource("/api/events");
events.onopen = () => ($("link").textContent = "live");
events.onmessage = (e) => render(JSON.parse(e.data));
events.onerror = () => ($("link").textContent = "reconnecting…");
