// Live updates: the server's event stream of committed changes. EventSource reconnects by
// itself after a dropped connection (sending Last-Event-ID, so nothing is missed); if the
// stream is refused (session ended, server full) it is retried every 30 seconds.
import { t } from "./i18n";
import { toast } from "./ui/toast";

let source: EventSource | null = null;
let retry = 0;
let handler: (table: string) => void = () => {};
// Until when a change event is most likely the user's own action (already confirmed to them
// and already shown): "bijgewerkt" is for what others changed.
let ownUntil = 0;

// Called after an own action succeeded and its page was redrawn.
export function noteOwnChange(): void {
  ownUntil = Date.now() + 2000;
}

export function startLiveUpdates(onChange: (table: string) => void): void {
  handler = onChange;
  if (source && source.readyState !== EventSource.CLOSED) return;
  source = new EventSource("/api/v1/events");
  source.addEventListener("change", (event) => {
    const change = JSON.parse((event as MessageEvent).data) as { table: string };
    handler(change.table);
    if (Date.now() > ownUntil) toast(t("liveUpdated"));
  });
  if (!retry) retry = window.setInterval(() => startLiveUpdates(handler), 30000);
}

export function stopLiveUpdates(): void {
  source?.close();
  source = null;
  window.clearInterval(retry);
  retry = 0;
}
