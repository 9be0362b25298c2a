/* The portal's proof of work: the ALTCHA widget (npm package `altcha`, served from our own
   static files) with its PBKDF2 worker, also ours. The widget solves the challenge as soon as
   the page has loaded (see zicht/portal/challenge.py); a report sent before it is done waits
   for it, then goes. The status page is sent at once: its proof is asked for only after wrong
   tries, and the page that asks for it has solved it by the time the secret is typed again.
   Without JavaScript both forms still work (the server asks to wait instead). */
import "../vendor/altcha/external/altcha.min.js";

const worker = new URL("../vendor/altcha/workers/pbkdf2.js", import.meta.url);
globalThis.$altcha.algorithms.set("PBKDF2/SHA-256", () => new Worker(worker));

for (const form of document.querySelectorAll("#report-form")) {
  const widget = form.querySelector("altcha-widget");
  const status = document.getElementById("form-status");
  let sending = false;
  if (!widget) { continue; }
  widget.addEventListener("statechange", (event) => {
    // Solved, or it cannot be: send, and the server decides (a wait instead of the proof).
    const state = event.detail && event.detail.state;
    if (sending && ["verified", "error", "expired"].includes(state)) { form.submit(); }
  });
  form.addEventListener("submit", (event) => {
    if (typeof widget.getState !== "function" || widget.getState() === "verified") {
      return;
    }
    event.preventDefault();
    // Already waiting for the proof: a second click (a double click) must not send the form
    // without it.
    if (sending) { return; }
    sending = true;
    const button = form.querySelector("button[type=submit]");
    if (button) { button.setAttribute("aria-disabled", "true"); }
    if (status) { status.textContent = form.dataset.working; }
    if (widget.getState() !== "verifying") { widget.verify(); }
  });
}
