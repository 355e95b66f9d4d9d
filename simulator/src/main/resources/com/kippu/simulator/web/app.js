// The page: renders the branch's state as the server streams it, and sends each click as one
// small POST. A click the branch refuses shows its message and changes nothing.

const $ = (id) => document.getElementById(id);
let state = null;
let shownSequence = -1;
let spokenLanguage = "";
let deadline = 0;
let busy = false;
// Set when a click came while another was being handled: its message stays up after the first.
let refusedWhileBusy = false;

function message(text, ok) {
  const box = $("message");
  box.textContent = text;
  box.className = ok ? "ok" : "";
  box.hidden = !text;
}

async function post(action, body) {
  if (busy) {
    refusedWhileBusy = true;
    message("Please wait: the previous click is still being handled; this one did nothing.");
    return null;
  }
  busy = true;
  refusedWhileBusy = false;
  document.body.dataset.busy = "true";
  try {
    const response = await fetch("/api/" + action, {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify(body || {}),
    });
    const answer = await response.json();
    if (!response.ok) {
      message(answer.error || "Refused (" + response.status + ")");
      return null;
    }
    if (!refusedWhileBusy) message("");
    return answer;
  } catch (e) {
    message("The simulator did not answer: " + e);
    return null;
  } finally {
    busy = false;
    document.body.dataset.busy = "false";
  }
}

function el(tag, props, ...children) {
  const node = document.createElement(tag);
  Object.assign(node, props || {});
  for (const c of children) node.append(c);
  return node;
}

function speak(screen) {
  const text = [screen.title, ...screen.lines].join("。 ");
  $("caption").textContent = $("voice").checked ? "🔊 " + text : "";
  if (!$("voice").checked || !("speechSynthesis" in window)) return;
  speechSynthesis.cancel();
  const utterance = new SpeechSynthesisUtterance(text);
  utterance.lang = state.language === "ja" ? "ja-JP" : "en-US";
  speechSynthesis.speak(utterance);
}

function renderScreen(screen) {
  const has = screen && screen.id;
  $("screen").dataset.screen = has ? screen.id : "";
  $("screen").dataset.sequence = has ? screen.sequence : "";
  $("screen").dataset.awaits = has && screen.awaitsAnswer ? "true" : "false";
  if (!has) {
    $("screen-title").textContent =
      state.language === "ja" ? "ICカードを入れてください" : "Please insert your IC card";
    $("screen-lines").replaceChildren(
      el("p", { textContent: state.ticketsAvailable ? "" : state.ticketsDown }));
    $("choices").replaceChildren();
    $("choices").dataset.signature = "";
    $("screen-notice").hidden = true;
    $("screen-notice").dataset.screen = "";
    $("cancel").hidden = true;
    // The session ended: the last screen's caption would read as if it still stood.
    $("caption").textContent = "";
    return;
  }
  $("screen-title").textContent = screen.title;
  $("cancel").hidden = !screen.awaitsAnswer;
  $("cancel").onclick = () => post("answer", { sequence: screen.sequence, key: "" });
  if (screen.sequence !== shownSequence || spokenLanguage !== state.language) {
    if (screen.sequence !== shownSequence) deadline = Date.now() + screen.remainingMs;
    shownSequence = screen.sequence;
    spokenLanguage = state.language;
    speak(screen);
  }
  $("screen-lines").replaceChildren(...screen.lines.map((l) => el("p", { textContent: l })));
  // A notice the terminal showed for an instant (a decline, a wrong PIN) stays in view.
  const notice = $("screen-notice");
  notice.hidden = !screen.notice;
  notice.dataset.screen = screen.notice ? screen.notice.id : "";
  notice.textContent = screen.notice ? [screen.notice.title, ...screen.notice.lines].join(" — ") : "";
  const signature = [screen.sequence, state.language, screen.awaitsAnswer].join("|");
  if ($("choices").dataset.signature === signature) return;
  $("choices").dataset.signature = signature;
  const typing = [];
  if (screen.input) {
    // A field to type into (a pass holder's name, phone, address), confirmed with OK or Enter.
    const field = el("input", {
      className: "typed",
      type: /password/.test(screen.id) ? "password" : "text",
      autocomplete: "off",
      maxLength: screen.input.maxLength,
    });
    field.placeholder = screen.input.label;
    field.inputMode = screen.input.kind === "PHONE" ? "tel" : "text";
    field.disabled = !screen.awaitsAnswer;
    const ok = el("button", { className: "choice", textContent: "OK" });
    ok.disabled = !screen.awaitsAnswer;
    ok.onclick = () => post("answer", { sequence: screen.sequence, text: field.value });
    field.onkeydown = (e) => { if (e.key === "Enter") ok.onclick(); };
    typing.push(field, ok);
  } else if (screen.choices.length === 0 && screen.awaitsAnswer) {
    // A screen without choices asks the customer to type (a home PC's user id, password).
    const input = el("input", {
      id: "typed",
      type: /password/.test(screen.id) ? "password" : "text",
      autocomplete: "off",
    });
    const ok = el("button", { className: "choice", textContent: "OK" });
    ok.dataset.key = "typed";
    ok.onclick = () => post("answer", { sequence: screen.sequence, key: input.value });
    $("choices").replaceChildren(input, ok);
    return;
  }
  $("choices").replaceChildren(
    ...typing,
    ...screen.choices.map((c) => {
      const b = el("button", { className: "choice", textContent: c.label });
      b.dataset.key = c.key;
      b.disabled = !screen.awaitsAnswer;
      b.onclick = () => post("answer", { sequence: screen.sequence, key: c.key });
      return b;
    }));
}

function tick() {
  const screen = state && state.screen;
  const left = Math.max(0, Math.ceil((deadline - Date.now()) / 1000));
  $("countdown").textContent =
    screen && screen.awaitsAnswer ? (state.language === "ja" ? `残り ${left} 秒` : `${left} s left`) : "";
}

function renderDevices(d) {
  const select = $("card-select");
  const cardList = d.cards.map((c) => c.cardId + (c.face ? "+face" : "")).join("|");
  if (select.dataset.cards !== cardList) {
    // The kiosk issues new cards: the list grows, the card chosen stays chosen.
    const chosen = select.value;
    select.dataset.cards = cardList;
    select.replaceChildren(
      ...d.cards.map((c) => el("option", { value: c.cardId, textContent: c.label })),
      el("option", { value: "blank", textContent: "A blank IC card" }));
    if (chosen) select.value = chosen;
  }
  $("insert-card").disabled = d.cardInSlot;
  $("take-card").disabled = !d.cardInSlot;
  $("slot-state").textContent = d.cardPresented
    ? "Your card is at the slot: take it."
    : d.cardInSlot ? `Card ${d.holder || "(blank)"} is in the reader.` : "The slot is empty.";
  $("card-slot").classList.toggle("attention", d.cardPresented);
  $("pin-display").textContent = d.pinActive ? "●".repeat(d.pinDigits) || "–" : "";
  $("pin-pad").dataset.active = d.pinActive;
  for (const b of document.querySelectorAll("[data-pin]")) b.disabled = !d.pinActive;
  const denoms = $("denominations");
  if (denoms.children.length === 0) {
    for (const yen of d.denominations) {
      const b = el("button", { textContent: yen.toLocaleString("ja-JP") + " 円" });
      b.dataset.yen = yen;
      b.onclick = () => post("cash/insert", { yen, count: 1 });
      denoms.append(b);
    }
  }
  for (const b of denoms.children) {
    b.disabled = !d.cashAccepting;
    const refused = d.refusedDenominations.includes(Number(b.dataset.yen));
    b.classList.toggle("refused", refused);
    b.title = refused ? "This machine hands this note back" : "";
  }
  $("cash-state").textContent =
    (d.cashAccepting ? "The slot is open: insert notes or coins. " : "The slot is closed. ") +
    (d.escrow ? `Inserted so far: ${d.escrow} (${d.escrowYen.toLocaleString("ja-JP")} yen). ` : "") +
    (d.tray ? `In the tray: ${d.tray} (${d.trayYen.toLocaleString("ja-JP")} yen).` : "");
  $("take-cash").disabled = !d.tray;
  const cards = d.swipeable.join("|");
  if ($("swipeable").dataset.cards !== cards) {
  $("swipeable").dataset.cards = cards;
  $("swipeable").replaceChildren(
    ...d.swipeable.map((label, index) => {
      const b = el("button", { textContent: "Swipe " + label });
      b.dataset.swipe = index;
      b.onclick = () => post("swipe", { index });
      return b;
    }));
  }
  $("stocker").textContent =
    `Card stocker: ${d.stockerBlanks} blank card(s), ${d.stockerPrepaid} pre-valued card(s);` +
    ` ${d.capturedCards} card(s) in the capture bin.`;
  $("kiosk-start").hidden = !d.sellsCards;
  $("kiosk-start").disabled = d.sessionRunning || d.cardInSlot;
  $("reader-state").textContent = d.readerWaiting
    ? "The reader waits for a card."
    : d.holder ? "" : "Insert an IC card to have the customer's cards at hand.";
}

function renderSide(s) {
  $("notices").replaceChildren(...s.notices.map((n) => el("li", { textContent: n })));
  $("operator-status").replaceChildren(...s.operator.map((l) => el("li", { textContent: l })));
  const switches = $("switches");
  const signature = s.switches.map((sw) => sw.label).join("|");
  if (switches.dataset.signature !== signature) {
  switches.dataset.signature = signature;
  switches.replaceChildren(
    ...s.switches.map((sw) => {
      if (sw.key.startsWith("power-")) {
        const on = !sw.label.includes("OFF");
        const b = el("button", { textContent: `${sw.key.substring(6)} ${on ? "power off" : "power on"}`, title: sw.label });
        b.dataset.switch = sw.key;
        b.onclick = () => operator(sw.key, on ? "1" : "2");
        if (!on) return b;
        // A power cycle: off and on again, as the console's choice 3 does.
        const cycle = el("button", { textContent: `${sw.key.substring(6)} power cycle`, title: sw.label });
        cycle.dataset.switch = sw.key;
        cycle.dataset.power = "cycle";
        cycle.onclick = () => operator(sw.key, "3");
        return el("span", { className: "power-pair" }, b, cycle);
      }
      const b = el("button", { textContent: sw.key, title: sw.label });
      b.dataset.switch = sw.key;
      if (!sw.asks) {
        b.onclick = () => operator(sw.key, "");
        return b;
      }
      // A switch that reads a line (a user id and document at the counter): typed here, sent along.
      const field = el("input", { type: "text", placeholder: sw.asks, title: sw.label, size: 28 });
      field.setAttribute("aria-label", sw.asks);
      field.dataset.switchLine = sw.key;
      b.onclick = () => operator(sw.key, "", field.value);
      field.onkeydown = (e) => { if (e.key === "Enter") b.onclick(); };
      return el("span", { className: "switch-line" }, field, b);
    }));
  }
  $("accounts").tBodies[0].replaceChildren(
    ...s.host.accounts.map((a) => a.error ? el("tr", {}, el("td", { textContent: a.error, colSpan: 3 })) :
      el("tr", {},
        el("td", { textContent: a.name }),
        el("td", { textContent: a.account }),
        el("td", { className: "num", textContent: a.balance.toLocaleString("ja-JP") }))));
  const h = s.host;
  // After a restart the host answers again: the choice follows what the host does.
  if (document.activeElement !== $("decline-code")) $("decline-code").value = h.declining;
  // The answer faults armed at the host itself: shown until they fire.
  $("host-state").textContent =
    (h.issuerDown ? "Answering 91 to every request. " : "") +
    (h.declining ? `Declining payments ${h.declining} (transfer, debit, credit, prepaid). ` : "") +
    (h.armedDrops ? `Armed: the next ${h.armedDrops} answer(s) will be lost. ` : "") +
    (h.armedDelays ? `Armed: the next answer will be sent ${h.delaySeconds} s late. ` : "") +
    (h.armedHolds ? "Armed: the next answer will be kept back. " : "") +
    (h.heldAnswers ? `${h.heldAnswers} answer(s) kept back.` : "");
  document.querySelector("[data-host='drop-answer']").classList.toggle("armed", h.armedDrops > 0);
  $("slow-answer").classList.toggle("armed", h.armedDelays > 0);
  $("host-log").tBodies[0].replaceChildren(
    ...h.log.map((m) =>
      el("tr", {},
        el("td", { textContent: m.id ?? "" }),
        el("td", { textContent: m.stan ?? "" }),
        el("td", { textContent: m.kind ?? m.error }),
        el("td", { textContent: m.from ?? "" }),
        el("td", { textContent: m.to ?? "" }),
        el("td", { className: "num", textContent: m.amount != null ? m.amount.toLocaleString("ja-JP") : "" }),
        el("td", { textContent: m.status ? m.status + (m.code ? " " + m.code : "") : "" }))));
  $("seat-map").replaceChildren(
    ...s.seatMap.map((e) =>
      el("div", {}, el("p", { textContent: e.event }),
        ...e.seats.map((seat) => el("span", { className: "seat " + seat.status, title: `${seat.seat} ${seat.price} yen ${seat.status}` })))));
  renderCenter(s.center);
  $("journal").replaceChildren(
    ...s.journal.map((j) => el("li", { textContent: `${j.session.slice(-8)} ${j.state} ${j.facts}` })));
  // The journal changed: the day's sessions are read again from the terminal's journal file.
  const journalSignature = s.journal.map((j) => j.session + j.state).join("|");
  if ($("journal-box").dataset.signature !== journalSignature) {
    $("journal-box").dataset.signature = journalSignature;
    loadJournalDay($("journal-day").value);
  }
  showPrintouts($("receipts"), s.receipts);
  showPrintouts($("tickets"), s.tickets);
}

/** A printer's newest printouts, newest first, as the files it wrote. */
function showPrintouts(box, files) {
  const names = files.join(",");
  if (box.dataset.names === names) return;
  box.dataset.names = names;
  box.replaceChildren(...files.map((f) => el("img", { src: "/receipts/" + f, alt: f })));
}

/** The sessions of {@code day} (the newest day when empty), read from the journal file. */
async function loadJournalDay(day) {
  const response = await fetch("/api/journal" + (day ? "?day=" + encodeURIComponent(day) : ""));
  const answer = await response.json();
  if (!response.ok) {
    message(answer.error);
    return;
  }
  const select = $("journal-day");
  if (select.dataset.days !== answer.days.join(",")) {
    select.dataset.days = answer.days.join(",");
    select.replaceChildren(...answer.days.map((d) => el("option", { value: d, textContent: d })));
  }
  select.value = answer.day;
  $("journal-sessions").tBodies[0].replaceChildren(
    ...answer.sessions.map((r) => {
      const row = el("tr", {},
        ...[r.started, r.session, r.flow, r.state, r.money].map((v) => el("td", { textContent: v })));
      row.dataset.session = r.session;
      row.onclick = () => loadJournalSteps(r.session);
      return row;
    }));
}

/** Every step of one session, as the journal holds it. */
async function loadJournalSteps(session) {
  const response = await fetch("/api/journal?session=" + encodeURIComponent(session));
  const answer = await response.json();
  if (!response.ok) {
    message(answer.error);
    return;
  }
  $("journal-steps").dataset.session = session;
  $("journal-steps").replaceChildren(
    ...answer.steps.map((st) => el("li", { textContent: `${st.at} ${st.state} ${st.facts}` })));
}

/**
 * One of the operator's reports, printed as its command prints it; the staff queue also offers
 * its cases to settle.
 */
async function loadReport(report) {
  const response = await fetch("/api/ops?report=" + encodeURIComponent(report));
  const answer = await response.json();
  if (!response.ok) {
    message(answer.error);
    return;
  }
  const box = $("ops-report");
  box.dataset.report = report;
  box.textContent = answer.title + "\n" + answer.lines.join("\n");
  const cases = answer.cases || [];
  $("ops-settle").hidden = report !== "staff" || cases.length === 0;
  $("ops-case").replaceChildren(
    ...cases.map((c) =>
      el("option", { value: c.session, textContent: `${c.session} ${c.action}: ${c.happened}` })));
}

/** Rows of the center's tables; a row that says why it could not be read spans the table. */
function centerRows(id, rows, cells) {
  $(id).tBodies[0].replaceChildren(
    ...rows.map((r) =>
      r.error
        ? el("tr", {}, el("td", { textContent: r.error, colSpan: 6 }))
        : el("tr", {}, ...cells(r).map((c) =>
            typeof c === "number"
              ? el("td", { className: "num", textContent: c.toLocaleString("ja-JP") })
              : el("td", { textContent: c ?? "" })))));
}

function renderCenter(c) {
  if (!c) return;
  centerRows("center-reservations", c.reservations, (r) =>
    [r.number, r.event, r.status, r.amount, r.card, (r.expiresAt ?? "").substring(0, 16)]);
  centerRows("center-tickets", c.tickets, (t) =>
    [t.number, t.issuer, t.card, t.method, t.amount, (t.issuedAt ?? "").substring(0, 16)]);
  centerRows("center-outbox", c.outbox, (o) => [o.type, o.issuer, o.attempts, o.delivery, o.error]);
  centerRows("center-settlement", c.settlement, (l) =>
    [l.issuer, l.payments, l.sales, l.collected, l.receivedByIssuer, l.payable, l.feeReceivable,
      l.net]);
}

function renderKind(k, d) {
  const select = $("kind-select");
  if (select.options.length === 0) {
    select.replaceChildren(...k.choices.map((c) => el("option", { value: c.kind, textContent: c.label })));
    select.value = k.current;
  }
  document.body.dataset.kind = k.current;
  select.disabled = !k.changeable;
  $("restart-kind").disabled = !k.changeable || d.sessionRunning || d.cardInSlot;
  $("kind-state").textContent = `This terminal is a ${k.label}.` +
    (!k.changeable ? " (This page did not start the branch: its kind is fixed.)"
      : d.sessionRunning || d.cardInSlot ? " Finish the session to change its kind." : "");
}

async function operator(key, power, line) {
  const answer = await post("operator", line === undefined ? { key, power } : { key, line });
  if (answer) message(answer.result, true);
}

function render(s) {
  state = s;
  document.documentElement.lang = s.language;
  $("terminal").textContent = `${s.terminalId} · ${s.terminalKind.label}`;
  renderKind(s.terminalKind, s.devices);
  for (const b of document.querySelectorAll("[data-lang]")) {
    b.setAttribute("aria-pressed", String(b.dataset.lang === s.language));
  }
  renderScreen(s.screen);
  renderDevices(s.devices);
  renderSide(s);
  tick();
  document.body.dataset.ready = "true";
}

function connect() {
  const events = new EventSource("/api/events");
  events.onopen = () => ($("link").textContent = "live");
  events.onmessage = (e) => render(JSON.parse(e.data));
  events.onerror = () => ($("link").textContent = "reconnecting…");
}

function wire() {
  for (const b of document.querySelectorAll("[data-lang]")) {
    b.onclick = () => post("language", { language: b.dataset.lang });
  }
  for (const b of document.querySelectorAll("[data-pin]")) {
    b.onclick = () => post("pin", { key: b.dataset.pin });
  }
  for (const b of document.querySelectorAll("[data-host]")) {
    b.onclick = async () => {
      const answer = await post("host", { key: b.dataset.host });
      if (answer) message(answer.result, true);
    };
  }
  $("slow-answer").onclick = async () => {
    const answer = await post("host", { key: "slow-answer", code: $("slow-seconds").value });
    if (answer) message(answer.result, true);
  };
  $("decline-code").onchange = async () => {
    const answer = await post("host", { key: "decline", code: $("decline-code").value });
    if (answer) message(answer.result, true);
  };
  $("insert-card").onclick = () => post("card/insert", { cardId: $("card-select").value });
  // The customer chosen in the list is the one at the kiosk: their payment cards are at hand.
  $("kiosk-start").onclick = () =>
    post("kiosk/start", { cardId: $("card-select").value === "blank" ? "KC-10001" : $("card-select").value });
  $("take-card").onclick = () => post("card/take");
  $("take-cash").onclick = async () => {
    const answer = await post("cash/take");
    if (answer) message(`You took ${answer.taken.toLocaleString("ja-JP")} yen.`, true);
  };
  $("show-card").onclick = async () => {
    const box = $("card-contents");
    const id = $("card-select").value;
    const response = await fetch("/api/card/" + encodeURIComponent(id));
    box.textContent = response.ok ? await response.text() : (await response.json()).error;
    box.hidden = false;
    const card = state.devices.cards.find((c) => c.cardId === id);
    const face = $("card-face");
    $("card-face-box").hidden = !(response.ok && card && card.face);
    if (response.ok && card && card.face) {
      face.dataset.card = id;
      face.src = "/api/card/" + encodeURIComponent(id) + "/face.png?t=" + Date.now();
    } else {
      face.removeAttribute("src");
      face.dataset.card = "";
    }
  };
  // Another card chosen: the contents and face shown are the previous card's, so they go.
  $("card-select").onchange = () => {
    $("card-contents").hidden = true;
    $("card-face-box").hidden = true;
  };
  for (const b of document.querySelectorAll("#ops-box button[data-report]")) {
    b.onclick = () => loadReport(b.dataset.report);
  }
  $("ops-settle-button").onclick = async () => {
    const answer = await post("ops/settle", {
      session: $("ops-case").value,
      operator: $("ops-operator").value,
      note: $("ops-note").value,
    });
    if (answer) {
      await loadReport("staff");
      message(answer.result, true);
    }
  };
  $("journal-day").onchange = () => loadJournalDay($("journal-day").value);
  $("journal-refresh").onclick = () => loadJournalDay($("journal-day").value);
  $("restart-kind").onclick = async () => {
    const chosen = $("kind-select").selectedOptions[0];
    // The branch closes and opens again: a home PC makes its certificates, which takes a while.
    message(`Restarting the terminal as a ${chosen ? chosen.textContent : "new kind"}…`, true);
    const answer = await post("terminal-kind", { kind: $("kind-select").value });
    if (answer) message(answer.result, true);
  };
  $("large").onchange = () => {
    document.body.classList.toggle("large", $("large").checked);
    document.documentElement.classList.toggle("large", $("large").checked);
  };
  $("voice").onchange = () => {
    if (!$("voice").checked && "speechSynthesis" in window) speechSynthesis.cancel();
    if (state && state.screen && state.screen.id) speak(state.screen);
  };
  setInterval(tick, 500);
  connect();
}

wire();
