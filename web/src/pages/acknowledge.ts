// /bevestig#TOKEN: the one-time link in an alarm message. No login: the person alarmed may be
// on a phone at 03:00 without a session. The token stays in the fragment, so it never reaches
// a server log or a referrer; it is posted once the person presses the button (a mail scanner
// that merely opens the link acknowledges nothing).
import { ApiError } from "../api/client";
import { t } from "../i18n";
import { h } from "../ui/dom";
import { incidentsApi } from "../incidents/api";

export function renderAcknowledge(app: HTMLElement): void {
  const token = location.hash.replace(/^#/, "");
  const result = h("div", { role: "status", "aria-live": "polite" });
  const button = h("button", { class: "primary big", type: "button" }, t("ackButton")) as HTMLButtonElement;
  button.addEventListener("click", async () => {
    button.disabled = true;
    try {
      const done = await incidentsApi.acknowledgeByToken(token);
      button.remove();
      result.replaceChildren(
        h("p", { class: "ok" }, `${t("ackDone")} ${done.role_label} ${t("ackForIncident")} ${done.incident_number}.`),
        h("p", {}, h("a", { href: "/#/incidenten" }, t("openVangnet"))),
      );
    } catch (e) {
      button.disabled = false;
      result.replaceChildren(h("p", { class: "error", role: "alert" }, e instanceof ApiError ? e.message : String(e)));
    }
  });
  app.append(
    h(
      "main",
      { id: "main", class: "ack-page" },
      h("p", { class: "brand" }, "vangnet"),
      h("h1", {}, t("ackTitle")),
      h("p", {}, t("ackExplain")),
      button,
      result,
    ),
  );
}
