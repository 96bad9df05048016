// The registry kept in the browser: every record kind listed, added, changed and removed with
// the same form, built from the server's description of each kind (GET /registry/schema). The
// server checks everything as an import would; its messages appear at the field, a stale edit
// gets the usual "changed elsewhere" message, and a removal that would leave something dangling
// is refused with what depends on it.
import { api, ApiError, Page, problemText } from "../api/client";
import type { PageContext } from "../ui/page_context";
import { fieldName, fmt, t } from "../i18n";
import { distinctLabels, h } from "../ui/dom";
import { FieldKind, FieldSpec, recordForm } from "../ui/record_form";
import { toast } from "../ui/toast";

interface SchemaField {
  name: string;
  type: "text" | "integer" | "real" | "bool" | "date";
  required: boolean;
  options?: string[];
  references?: { resource: string; field: string };
}

export interface Kind {
  resource: string;
  table: string;
  label: string;
  plural: string;
  key_fields: string[];
  fields: SchemaField[];
  read: boolean;
  write: boolean;
  scoped: boolean;
}

type Row = Record<string, unknown> & { id: number; version: number };

let schema: Promise<Kind[]> | null = null;
export function registrySchema(): Promise<Kind[]> {
  schema ??= api.get<{ kinds: Kind[] }>("/registry/schema").then((s) => s.kinds);
  return schema;
}
// Another user logs in with another role: the schema says what that role may do.
export function forgetRegistrySchema(): void {
  schema = null;
}

// The roles that may read in files: those who may change every record of the region (an import
// passes the per-practice checks of the forms).
export const mayImport = (role: string) => role === "admin" || role === "coordinator";

const capital = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);

// What a record is called in lists and pick-lists: its name (with place or code where names
// repeat), else its key.
function titleOf(kind: Kind, row: Row): string {
  const key = kind.key_fields.map((f) => String(row[f] ?? "")).join(" · ");
  return row.name ? `${row.name} (${key})` : key;
}

// The values a reference field may take: the referenced kind's records as "code" with their
// name, place or AGB beside it, so four practices called "Lindenlaan" can be told apart.
async function suggestionsFor(field: SchemaField): Promise<[string, string][]> {
  const ref = field.references!;
  const page = await api.get<Page<Row>>(`/${ref.resource}?limit=1000`).catch(() => null);
  if (!page) return [];
  const labels = distinctLabels(page.items, (r) => String(r[ref.field]), (r) => String(r.name ?? r[ref.field]), (r) => `${r.place ? r.place + " · " : ""}${r[ref.field]}`);
  return page.items.map((r) => [String(r[ref.field]), labels.get(String(r[ref.field])) ?? String(r[ref.field])]);
}

async function formFields(kind: Kind): Promise<FieldSpec[]> {
  return Promise.all(
    kind.fields.map(async (f): Promise<FieldSpec> => {
      let control: FieldKind;
      if (f.options) control = { options: f.required ? f.options : ["", ...f.options] };
      else if (f.references) control = { suggestions: await suggestionsFor(f) };
      else if (f.type === "bool") control = "checkbox";
      else if (f.type === "date") control = "date";
      else if (f.type === "integer" || f.type === "real") control = "number";
      else if (f.name === "note" || f.name === "notes") control = "textarea";
      else control = "text";
      const required = f.required ? " *" : "";
      const hint = f.references ? t("registerPickHint") : undefined;
      return [f.name, `${fieldName(f.name)}${required}`, control, hint];
    }),
  );
}

export async function renderRegisterIndex(ctx: PageContext): Promise<void> {
  const kinds = (await registrySchema()).filter((k) => k.read);
  ctx.main.append(
    h("div", { class: "title-row" }, h("h1", {}, t("registerTitle")), mayImport(ctx.user.role) ? h("a", { class: "button", href: "#/register/inlezen" }, t("importLink")) : ""),
    h("p", { class: "muted" }, t("registerIntro")),
    h("ul", { class: "register-kinds" }, kinds.map((k) => h("li", {}, h("a", { href: `#/register/${k.resource}` }, capital(k.plural)), k.write ? null : h("span", { class: "muted" }, ` · ${t("registerReadOnly")}`)))),
  );
}

let shown = 50;

export async function renderRegisterList(ctx: PageContext, resource: string, query: URLSearchParams): Promise<void> {
  const kind = (await registrySchema()).find((k) => k.resource === resource);
  if (!kind || !kind.read) {
    ctx.main.append(h("p", { class: "empty" }, t("notForYourRole")));
    return;
  }
  const q = query.get("q") ?? "";
  const filters = [...query.entries()].filter(([k]) => k !== "q");
  const params = new URLSearchParams([...filters, ["limit", String(shown)], ...(q ? [["q", q]] : [])]);
  const page = await api.get<Page<Row>>(`/${resource}?${params}`);
  const search = h("input", { type: "search", name: "q", value: q, "aria-label": t("registerSearch"), placeholder: t("registerSearch") }) as HTMLInputElement;
  const columns = kind.fields.filter((f) => !["note", "notes"].includes(f.name)).slice(0, 6);
  const filterText = filters.map(([k, v]) => `${fieldName(k)}: ${v}`).join(", ");
  ctx.main.append(
    h("a", { href: "#/register", class: "back" }, `← ${t("registerTitle")}`),
    h(
      "div",
      { class: "title-row" },
      h("h1", {}, capital(kind.plural) + (filterText ? ` · ${filterText}` : "")),
      kind.write ? h("a", { class: "button primary", href: `#/register/${resource}/nieuw${filters.length ? "?" + new URLSearchParams(filters) : ""}` }, `${t("registerNew")}: ${kind.label}`) : null,
    ),
    kind.scoped ? h("p", { class: "muted" }, t("registerOwnPractices")) : "",
    h(
      "form",
      {
        class: "search-row",
        onsubmit: (e: Event) => {
          e.preventDefault();
          shown = 50;
          const next = new URLSearchParams(filters);
          if (search.value.trim()) next.set("q", search.value.trim());
          location.hash = `#/register/${resource}${next.toString() ? "?" + next : ""}`;
        },
      },
      search,
      h("button", { type: "submit" }, t("registerSearch")),
    ),
    page.items.length === 0
      ? h("p", { class: "empty" }, t("registerNone"))
      : h(
          "div",
          { class: "table-wrap" },
          h(
            "table",
            { class: "list" },
            h("thead", {}, h("tr", {}, columns.map((c) => h("th", {}, fieldName(c.name))))),
            h(
              "tbody",
              {},
              page.items.map((row) =>
                h(
                  "tr",
                  {},
                  columns.map((c, i) => {
                    const value = row[c.name];
                    const text = value === null || value === undefined ? "–" : typeof value === "boolean" ? (value ? t("yes") : t("no")) : String(value);
                    return h("td", {}, i === 0 ? h("a", { href: `#/register/${resource}/${row.id}` }, text) : text);
                  }),
                ),
              ),
            ),
          ),
        ),
    h(
      "p",
      { class: "muted" },
      fmt("registerShown", { shown: page.items.length, total: page.total }),
      " · ",
      h("a", { href: `/api/v1/${resource}/export?${new URLSearchParams([...filters, ["format", "xlsx"], ...(q ? [["q", q]] : [])])}`, download: "" }, t("downloadXlsx")),
    ),
    page.items.length < page.total
      ? h("button", { class: "link", onclick: () => { shown += 200; window.dispatchEvent(new HashChangeEvent("hashchange")); } }, t("registerMore"))
      : "",
  );
}

// What refers to a record, each as a link to that list filtered on it: a person's practices
// (affiliations by person_code), crisis roles and contacts; a practice's team and contracts.
function referencedBy(kinds: Kind[], kind: Kind, record: Row): HTMLElement | "" {
  const links: HTMLElement[] = [];
  for (const other of kinds) {
    if (!other.read) continue;
    for (const f of other.fields) {
      if (f.references?.resource !== kind.resource) continue;
      const value = record[f.references.field];
      if (value === null || value === undefined || value === "") continue;
      links.push(h("li", {}, h("a", { href: `#/register/${other.resource}?${new URLSearchParams({ [f.name]: String(value) })}` }, `${capital(other.plural)} (${fieldName(f.name).toLowerCase()})`)));
    }
  }
  return links.length ? h("section", { class: "card" }, h("h2", {}, t("registerReferencedBy")), h("ul", { class: "register-kinds" }, links)) : "";
}

export async function renderRegisterRecord(ctx: PageContext, resource: string, id: number | "nieuw", query: URLSearchParams): Promise<void> {
  const kinds = await registrySchema();
  const kind = kinds.find((k) => k.resource === resource);
  if (!kind || !kind.read) {
    ctx.main.append(h("p", { class: "empty" }, t("notForYourRole")));
    return;
  }
  // Opened from another page (the programmes): back there after saving.
  const returnTo = query.get("terug");
  query.delete("terug");
  const back = returnTo?.startsWith("#/") ? returnTo : `#/register/${resource}`;
  const creating = id === "nieuw";
  let record: Row | null = null;
  if (!creating) {
    record = await api.get<Row>(`/${resource}/${id}`).catch((e: ApiError) => {
      ctx.main.append(h("a", { href: back, class: "back" }, `← ${capital(kind.plural)}`), h("p", { class: "empty" }, e.message));
      return null;
    });
    if (!record) return;
  }
  if (!kind.write) {
    ctx.main.append(
      h("a", { href: back, class: "back" }, `← ${capital(kind.plural)}`),
      h("h1", {}, titleOf(kind, record!)),
      h("p", { class: "muted" }, t("registerReadOnly")),
      h("dl", {}, kind.fields.map((f) => h("div", { class: "row" }, h("dt", {}, fieldName(f.name)), h("dd", {}, record![f.name] === null || record![f.name] === undefined ? "–" : String(record![f.name]))))),
      referencedBy(kinds, kind, record!),
    );
    return;
  }
  // A new record starts from the filters of the list it was made from (a practice's team: that
  // practice already filled in).
  const start: Record<string, unknown> = record ?? Object.fromEntries(query.entries());
  const form = recordForm({
    title: creating ? `${t("registerNew")}: ${kind.label}` : `${capital(kind.label)}: ${titleOf(kind, record!)}`,
    record: creating ? {} : start,
    fields: await formFields(kind),
    cancelHref: back,
    save: async (changes) => {
      if (creating) {
        const created = await api.post<Row>(`/${resource}`, { ...Object.fromEntries(query.entries()), ...changes });
        location.hash = returnTo?.startsWith("#/") ? back : `#/register/${resource}/${created.id}`;
      } else {
        await api.put(`/${resource}/${record!.id}`, changes, record!.version);
        location.hash = back;
      }
    },
  });
  if (creating) {
    // Prefilled values show in the form (they are sent unless the user changes them).
    for (const [key, value] of query.entries()) {
      const input = form.querySelector(`[name="${key}"]`) as HTMLInputElement | null;
      if (input) input.value = value;
    }
  }
  let armed = false;
  const remove = creating
    ? null
    : h(
        "section",
        { class: "card" },
        h(
          "button",
          {
            class: "danger",
            onclick: async (e: Event) => {
              const button = e.currentTarget as HTMLButtonElement;
              if (!armed) {
                armed = true;
                button.textContent = fmt("registerConfirmDelete", { what: titleOf(kind, record!) });
                return;
              }
              try {
                await api.delete(`/${resource}/${record!.id}`, record!.version);
                toast(`${t("registerDeleted")}: ${titleOf(kind, record!)}`);
                location.hash = back;
              } catch (err) {
                armed = false;
                button.textContent = t("registerDelete");
                toast(problemText(err));
              }
            },
          },
          t("registerDelete"),
        ),
      );
  ctx.main.append(h("a", { href: back, class: "back" }, `← ${capital(kind.plural)}`), form, creating ? "" : referencedBy(kinds, kind, record!), remove ?? "");
}
