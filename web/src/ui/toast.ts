// A short message at the bottom of the screen (read out by screen readers), optionally with one
// action such as "Ongedaan maken".
import { h } from "./dom";

let hideTimer = 0;

export function toast(message: string, action?: { label: string; run: () => void }): void {
  const el = document.getElementById("toast");
  if (!el) return;
  el.replaceChildren(
    h("span", {}, message),
    action
      ? h("button", {
          type: "button",
          class: "toast-action",
          onclick: () => {
            el.classList.remove("visible");
            action.run();
          },
        }, action.label)
      : "",
  );
  el.classList.add("visible");
  window.clearTimeout(hideTimer);
  // Long enough to reach an undo button.
  hideTimer = window.setTimeout(() => el.classList.remove("visible"), action ? 10000 : 4000);
}
