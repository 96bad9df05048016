// The alarm overview at the top of the board (seed 002 §3): per alarmed person the role, the
// level in the chain, each channel tried and what became of it, and the phone number to call
// now. Whether an alarm reached someone must be visible at a glance: a server that sends
// neither e-mail nor SMS is said in red, because then the alarms reached nobody outside the app.
import { t } from "../i18n";
import { formatClock, h } from "../ui/dom";
import { AlarmOverview, AlarmOverviewRow, Delivery, Incident, incidentsApi } from "./api";

const LEVELS: Record<AlarmOverviewRow["level"], () => string> = {
  primary: () => t("levelPrimary"),
  substitute: () => t("levelSubstitute"),
  reporting_point: () => t("levelReportingPoint"),
  handover: () => t("levelHandover"),
};

const CHANNELS: Record<Delivery["channel"], () => string> = {
  app: () => t("channelApp"),
  email: () => t("channelEmail"),
  sms: () => t("channelSms"),
};

// "e-mail verzonden 00:09", "sms mislukt: geen sms-dienst ingesteld ...", "e-mail wacht (poging 2)".
function deliveryChip(d: Delivery, channels: AlarmOverview["outside_channels"]): HTMLElement {
  // A channel this server does not have: the note above says what to configure. Until the
  // next tick marks it failed such a message is still pending, but it will never be sent: it
  // must not read "wacht op verzending" under the red "Alarmen bereiken niemand buiten vangnet".
  const unconfigured = d.status !== "sent" && ((d.channel === "email" && !channels.email) || (d.channel === "sms" && !channels.sms));
  const state = unconfigured
    ? t("channelNotConfigured")
    : d.channel === "app"
      ? `${t("deliveryInApp")} ${formatClock(d.created_at)}`
      : d.status === "sent"
        ? `${t("deliverySent")} ${formatClock(d.sent_at ?? d.created_at)}`
        : d.status === "failed"
          ? `${t("messageFailed")}: ${d.last_error}`
          : `${t("deliveryQueued")}${d.attempts ? ` (${t("deliveryAttempt")} ${d.attempts + 1}${d.last_error ? ": " + d.last_error : ""})` : ""}`;
  const kind = d.channel === "app" ? "app" : d.status;
  return h("span", { class: `delivery ${kind}` }, `${CHANNELS[d.channel]()} ${state}`);
}

// The state of the alarm itself, with times in Dutch local time.
function alarmState(row: AlarmOverviewRow): string {
  if (row.status === "acknowledged") return `${t("acknowledged")} ${formatClock(row.acknowledged_at!)}${row.acknowledged_by ? ` (${row.acknowledged_by})` : ""}`;
  if (row.status === "alarmed") return `${t("notAcknowledged")} · ${t("alarmedAt")} ${formatClock(row.alarmed_at)}`;
  if (row.status === "handed_over") return t("handedOver");
  return `${t("passedOn")} ${row.passed_at ? formatClock(row.passed_at) : ""}`;
}

// What to say when alarms cannot leave the app, or null when both channels work.
export function channelWarning(channels: AlarmOverview["outside_channels"]): HTMLElement | null {
  if (channels.email && channels.sms) return null;
  if (!channels.email && !channels.sms) {
    return h("p", { class: "channel-warning", role: "alert" }, h("strong", {}, t("noOutsideChannel")), " ", t("noOutsideChannelHelp"));
  }
  return h("p", { class: "channel-note" }, channels.email ? t("noSmsChannel") : t("noEmailChannel"));
}

export function alarmOverviewSection(
  incident: Incident,
  overview: AlarmOverview,
  canWork: boolean,
  act: (action: () => Promise<unknown>, done: string) => Promise<void>,
  handOverForm: HTMLElement | null,
): HTMLElement {
  const rows = overview.items;
  const waiting = rows.filter((r) => r.status === "alarmed").length;
  const items = rows.map((row) => {
    const who = row.person_name || row.person_code;
    const level = LEVELS[row.level]();
    return h(
      "li",
      { class: `alarm-row ${row.status}` },
      h(
        "div",
        { class: "alarm-who" },
        h("strong", { class: "alarm-role" }, row.role_label),
        h("span", {}, who ? `${who}${level ? " · " + level : ""}` : level),
        h("span", { class: "alarm-state" }, alarmState(row)),
      ),
      h("div", { class: "alarm-channels" }, row.deliveries.length ? row.deliveries.map((d) => deliveryChip(d, overview.outside_channels)) : h("span", { class: "delivery failed" }, t("noDeliveries"))),
      h(
        "div",
        { class: "actions" },
        row.phone ? h("a", { class: "button-link call", href: `tel:${row.phone.replace(/[^+\d]/g, "")}` }, `${t("call")} ${row.phone}`) : null,
        canWork && row.status === "alarmed"
          ? h("button", { class: "primary", onclick: () => act(() => incidentsApi.acknowledge(incident.id, row.id), `${t("acknowledgedFor")} ${who}`) }, `${t("acknowledgeFor")} ${who}`)
          : null,
      ),
    );
  });
  return h(
    "section",
    { class: "card alarms", id: "alarm-overview" },
    h("h2", {}, `${t("alarms")}${waiting ? ` · ${waiting} ${t("notAcknowledged")}` : ""}`),
    channelWarning(overview.outside_channels),
    rows.length ? h("ul", { class: "alarm-list" }, items) : h("p", { class: "muted" }, t("noAlarms")),
    handOverForm,
  );
}
