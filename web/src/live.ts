// Live updates: the server's event stream of committed changes. EventSource reconnects by
// itself after a dropped connection (sending Last-Event-ID, so nothing is missed); if the
// stream is refused (session ended, server full) it is retried every 30 seconds.
import { t } from "./i18n";
import { toast } from "./ui/toast";

let source: EventSource | null = null;
let retry = 0;
let handler: (table: string) => void = () => {};
// Change events that are most likely the echo of the user's own actions (already confirmed to
// them and already shown): one per action, forgotten after a few seconds. "Bijgewerkt" is for
// what others changed; the page itself is re-read on every event either way.
let ownPending = 0;
let ownUntil = 0;
// An action that echoes as an unknown number of events - starting an incident writes the
// incident, its alarms and its messages - takes every event for a few seconds as its echo.
let ownBurstUntil = 0;

// Called as an own action is sent (its echo may arrive before its answer); cancelled when it
// fails, since a refused action changes nothing.
export function expectOwnChange(): void {
  ownPending = Date.now() > ownUntil ? 1 : ownPending + 1;
  ownUntil = Date.now() + 5000;
}
export function cancelOwnChange(): void {
  ownPending = Math.max(0, ownPending - 1);
}
export function expectOwnBurst(): void {
  ownBurstUntil = Date.now() + 5000;
}
export function cancelOwnBurst(): void {
  ownBurstUntil = 0;
}

function isOwnEcho(): boolean {
  if (Date.now() <= ownBurstUntil) return true;
  if (ownPending === 0 || Date.now() > ownUntil) return false;
  ownPending--;
  return true;
}

export function startLiveUpdates(onChange: (table: string) => void): void {
  handler = onChange;
  if (source && source.readyState !== EventSource.CLOSED) return;
  source = new EventSource("/api/v1/events");
  source.addEventListener("change", (event) => {
    const change = JSON.parse((event as MessageEvent).data) as { table: string };
    handler(change.table);
    if (!isOwnEcho()) toast(t("liveUpdated"));
  });
  if (!retry) retry = window.setInterval(() => startLiveUpdates(handler), 30000);
}

export function stopLiveUpdates(): void {
  source?.close();
  source = null;
  window.clearInterval(retry);
  retry = 0;
}
