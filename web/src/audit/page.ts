// The audit log, for admins: who did what to which record, when and why.
import { api } from "../api/client";
import type { PageContext } from "../ui/page_context";
import { t } from "../i18n";
import { clear, formatTimestamp, h } from "../ui/dom";

interface AuditEvent {
  id: number;
  occurred_at: string;
  actor_user: string;
  actor_role: string;
  action: string;
  object_type: string;
  object_key: string;
  subject_key: string;
  purpose: string;
  outcome: string;
}

export async function renderAudit(ctx: PageContext): Promise<void> {
  if (ctx.user.role !== "admin") {
    ctx.main.append(h("p", { class: "empty" }, t("forbidden")));
    return;
  }
  const type = h("input", { name: "type", placeholder: "practice, person, …", "aria-label": t("object") }) as HTMLInputElement;
  const user = h("input", { name: "user", placeholder: t("who"), "aria-label": t("who") }) as HTMLInputElement;
  const results = h("div", {});
  const load = async () => {
    const query = new URLSearchParams({ limit: "500", order: "newest" });
    if (type.value.trim()) query.set("type", type.value.trim());
    if (user.value.trim()) query.set("user", user.value.trim());
    const events = await api.get<{ items: AuditEvent[] }>(`/audit?${query}`);
    const items = events.items;  // newest first: what happened last is what an admin looks for
    clear(results);
    results.append(
      h(
        "div",
        { class: "table-wrap" },
        h(
          "table",
          { class: "list" },
          h("thead", {}, h("tr", {}, h("th", {}, t("when")), h("th", {}, t("who")), h("th", {}, t("action")), h("th", {}, t("object")), h("th", {}, t("purpose")), h("th", {}, t("outcome")))),
          h(
            "tbody",
            {},
            items.map((e) =>
              h(
                "tr",
                {},
                h("td", { class: "nowrap" }, formatTimestamp(e.occurred_at)),
                h("td", {}, `${e.actor_user} (${e.actor_role || "–"})`),
                h("td", {}, e.action),
                h("td", {}, `${e.object_type} ${e.object_key}`),
                h("td", {}, e.purpose),
                h("td", { class: e.outcome === "success" ? "" : "missing" }, e.outcome),
              ),
            ),
          ),
        ),
      ),
    );
  };
  ctx.main.append(
    h("h1", {}, t("audit")),
    h("form", { class: "filters", onsubmit: (e: Event) => { e.preventDefault(); load(); } }, type, user, h("button", { type: "submit", class: "primary" }, t("filter"))),
    results,
  );
  await load();
}
