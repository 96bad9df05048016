// One edit form for any registry record: the fields it shows, the server's messages next to the
// field they are about, and a clear message when someone else changed the record meanwhile.
import { ApiError } from "../api/client";
import { label, t } from "../i18n";
import { h } from "./dom";
import { toast } from "./toast";

// `suggestions`: a text field with a pick-list of [value, what the user reads] (a reference to
// another record: its code, with its name and place).
export type FieldKind = "text" | "textarea" | "number" | "checkbox" | "date" | { options: string[] } | { suggestions: [string, string][] };
// `hint`: one line under the field that says what the user cannot guess (e.g. what saving does).
export type FieldSpec = [key: string, text: string, kind: FieldKind, hint?: string];

export interface RecordFormOptions {
  title: string;
  record: Record<string, unknown>;
  fields: FieldSpec[];
  cancelHref: string;
  // Sends only the changed fields; resolves when saved.
  save(changes: Record<string, unknown>): Promise<void>;
}

export function recordForm(options: RecordFormOptions): HTMLElement {
  const { record, fields } = options;
  const banner = h("div", { class: "banner", role: "alert", hidden: true });
  const inputs = new Map<string, HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement>();
  const messages = new Map<string, HTMLElement>();
  const controls = fields.map(([key, text, kind, hint]) => {
    const id = `field-${key}`;
    const value = record[key];
    const described = { id, name: key, "aria-describedby": hint ? `${id}-hint ${id}-error` : `${id}-error` };
    let input: HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement;
    let pickList: HTMLElement | null = null;
    if (kind === "checkbox") {
      input = h("input", { ...described, type: "checkbox", checked: Boolean(value) }) as HTMLInputElement;
    } else if (typeof kind === "object" && "options" in kind) {
      input = h("select", described, kind.options.map((o) => h("option", { value: o, selected: value === o }, label(o)))) as HTMLSelectElement;
    } else if (typeof kind === "object") {
      input = h("input", { ...described, type: "text", list: `${id}-list`, autocomplete: "off", value: value === null || value === undefined ? "" : String(value) }) as HTMLInputElement;
      pickList = h("datalist", { id: `${id}-list` }, kind.suggestions.map(([v, text]) => h("option", { value: v }, text)));
    } else if (kind === "textarea") {
      input = h("textarea", { ...described, rows: 2 }, value === null || value === undefined ? "" : String(value)) as HTMLTextAreaElement;
    } else {
      const type = kind === "number" ? "number" : kind === "date" ? "date" : "text";
      input = h("input", { ...described, type, value: value === null || value === undefined ? "" : String(value) }) as HTMLInputElement;
    }
    const message = h("p", { class: "field-error", id: `${id}-error` });
    inputs.set(key, input);
    messages.set(key, message);
    const wide = kind === "textarea" ? " wide" : "";
    const help = hint ? h("p", { class: "field-hint", id: `${id}-hint` }, hint) : null;
    return h("div", { class: kind === "checkbox" ? "field check" : `field${wide}` }, h("label", { for: id }, text), input, pickList, help, message);
  });

  const valueOf = (key: string, kind: FieldKind): unknown => {
    const input = inputs.get(key)!;
    if (kind === "checkbox") return (input as HTMLInputElement).checked;
    const text = input.value.trim();
    if (text === "") return null;
    return kind === "number" ? Number(text) : text;
  };

  return h(
    "form",
    {
      class: "card edit",
      novalidate: true,
      onsubmit: async (event: Event) => {
        event.preventDefault();
        banner.hidden = true;
        for (const m of messages.values()) m.textContent = "";
        for (const i of inputs.values()) i.removeAttribute("aria-invalid");
        const changes: Record<string, unknown> = {};
        for (const [key, , kind] of fields) {
          const value = valueOf(key, kind);
          if (value !== (record[key] ?? null)) changes[key] = value;
        }
        try {
          await options.save(changes);
          toast(t("saved"));
        } catch (e) {
          if (!(e instanceof ApiError)) throw e;
          if (e.status === 412) {
            banner.replaceChildren(t("changedElsewhere"), " ", h("button", { type: "button", class: "link", onclick: () => location.reload() }, t("reload")));
          } else {
            // The server's messages go to their fields; the rest once in the banner (a refusal's
            // title is its first message: never both).
            const unplaced: string[] = [];
            for (const error of e.errors) {
              const message = error.field ? messages.get(error.field) : undefined;
              if (message) {
                message.textContent = error.message;
                inputs.get(error.field!)!.setAttribute("aria-invalid", "true");
              } else {
                unplaced.push(error.message);
              }
            }
            const heading = e.status === 422 ? t("fixErrors") : unplaced.length ? "" : e.message;
            banner.replaceChildren(heading, ...unplaced.map((m) => h("div", {}, m)));
          }
          banner.hidden = false;
        }
      },
    },
    h("h1", {}, options.title),
    banner,
    h("div", { class: "grid" }, controls),
    h("div", { class: "actions" }, h("button", { type: "submit", class: "primary" }, t("save")), h("a", { class: "button secondary", href: options.cancelHref }, t("cancel"))),
  );
}
