// "Op papier gedaan": when vangnet could not be reached (power cut, network down; seed 000 §6
// Scenarios 6 and 7) the team worked from the printed checklist and log sheet. Back online, one
// form takes it all in: which open tasks were done, when and by whom, and the log sheet's rows
// (decisions with who decided) with their real times. The server stores them marked as entered
// afterwards, or refuses the whole record and names the row.
import { ApiError } from "../api/client";
import { t } from "../i18n";
import { h, localToUtc } from "../ui/dom";
import { toast } from "../ui/toast";
import { Incident, logKinds, PaperRecord, incidentsApi } from "./api";

// The card stays closed until opened; its form is built then, so the board stays light and its
// other forms keep their labels to themselves.
export function paperSection(incident: Incident, rerender: () => Promise<void>): HTMLElement {
  const card = h("details", { class: "card paper", "data-testid": "paper-form" }, h("summary", {}, h("h2", {}, t("paperTitle"))));
  card.addEventListener("toggle", () => {
    if ((card as HTMLDetailsElement).open && card.children.length === 1) card.append(...paperForm(incident, rerender));
  });
  return card;
}

function paperForm(incident: Incident, rerender: () => Promise<void>): HTMLElement[] {
  const open = (incident.tasks ?? []).filter((task) => task.status === "open");
  const source = h("input", { type: "text", "aria-label": t("paperSource"), placeholder: t("paperSource") }) as HTMLInputElement;

  const taskRows = open.map((task) => {
    const done = h("input", { type: "checkbox", "aria-label": `${t("done")}: ${task.text}` }) as HTMLInputElement;
    const at = h("input", { type: "datetime-local", "aria-label": `${t("paperAt")}: ${task.text}`, disabled: true }) as HTMLInputElement;
    const by = h("input", { type: "text", "aria-label": `${t("paperBy")}: ${task.text}`, placeholder: t("paperBy"), disabled: true }) as HTMLInputElement;
    const note = h("input", { type: "text", "aria-label": `${t("paperNote")}: ${task.text}`, placeholder: t("paperNote"), disabled: true }) as HTMLInputElement;
    done.addEventListener("change", () => {
      for (const el of [at, by, note]) el.disabled = !done.checked;
      if (done.checked) at.focus();
    });
    const row = h("tr", {}, h("td", {}, done), h("td", {}, task.text, h("br"), h("small", { class: "muted" }, task.owner_role)), h("td", {}, at), h("td", {}, by), h("td", {}, note));
    return { task, done, at, by, note, row };
  });

  type EntryRow = { kind: HTMLSelectElement; at: HTMLInputElement; text: HTMLInputElement; decided: HTMLInputElement; acted: HTMLInputElement; row: HTMLElement };
  const entryRows: EntryRow[] = [];
  const entryBody = h("tbody", {});
  const addEntry = () => {
    const n = entryRows.length + 1;
    const kind = h("select", { "aria-label": `${t("kind")} ${n}` }, logKinds().map(([value, label]) => h("option", { value }, label))) as HTMLSelectElement;
    const at = h("input", { type: "datetime-local", "aria-label": `${t("paperAt")} ${n}` }) as HTMLInputElement;
    const text = h("input", { type: "text", "aria-label": `${t("logText")} ${n}`, placeholder: t("logText") }) as HTMLInputElement;
    const decided = h("input", { type: "text", "aria-label": `${t("decidedBy")} ${n}`, placeholder: t("decidedBy") }) as HTMLInputElement;
    const acted = h("input", { type: "text", "aria-label": `${t("actedBy")} ${n}`, placeholder: t("actedBy") }) as HTMLInputElement;
    const row = h("tr", {}, h("td", {}, kind), h("td", {}, at), h("td", {}, text), h("td", {}, decided), h("td", {}, acted));
    entryRows.push({ kind, at, text, decided, acted, row });
    entryBody.append(row);
  };
  addEntry();
  addEntry();

  const errors = h("ul", { class: "error", role: "alert", hidden: true });
  const submit = async (e: Event) => {
    e.preventDefault();
    const ticked = taskRows.filter((r) => r.done.checked);
    // Rows left wholly empty are not part of the record.
    const written = entryRows.filter((r) => r.text.value.trim() || r.at.value || r.decided.value.trim());
    const record: PaperRecord = {
      source: source.value,
      tasks: ticked.map((r) => ({ id: r.task.id, version: r.task.version, done_at: localToUtc(r.at.value), done_by: r.by.value, note: r.note.value })),
      entries: written.map((r) => ({ kind: r.kind.value, at: localToUtc(r.at.value), text: r.text.value, decided_by: r.decided.value, acted_by: r.acted.value })),
    };
    try {
      await incidentsApi.paper(incident.id, record);
      toast(t("paperSaved"));
      await rerender();
    } catch (err) {
      if (!(err instanceof ApiError)) throw err;
      // "tasks[1].done_at" -> the task's own words; "entries[0].text" -> the row as numbered on screen.
      const where = (field?: string) => {
        const m = field?.match(/^(tasks|entries)\[(\d+)\]/);
        if (!m) return "";
        const i = Number(m[2]);
        if (m[1] === "tasks") return `${t("paperTask")} '${ticked[i]?.task.text ?? i + 1}': `;
        return `${t("paperRow")} ${entryRows.indexOf(written[i]) + 1}: `;
      };
      errors.replaceChildren(...err.errors.map((x) => h("li", {}, where(x.field) + x.message)));
      errors.hidden = false;
    }
  };

  return [
    h("p", { class: "muted" }, t("paperIntro")),
    h(
      "form",
      { onsubmit: submit },
      h("h3", {}, t("paperTasks")),
      open.length
        ? h("div", { class: "table-wrap" }, h("table", { class: "table" }, h("thead", {}, h("tr", {}, ["", t("paperTask"), t("paperAt"), t("paperBy"), t("paperNote")].map((c) => h("th", { scope: "col" }, c)))), h("tbody", {}, taskRows.map((r) => r.row))))
        : h("p", { class: "muted" }, t("noOpenTasks")),
      h("h3", {}, t("paperEntries")),
      h("div", { class: "table-wrap" }, h("table", { class: "table" }, h("thead", {}, h("tr", {}, [t("kind"), t("paperAt"), t("paperWhat"), t("decidedBy"), t("actedBy")].map((c) => h("th", { scope: "col" }, c)))), entryBody)),
      h("button", { type: "button", onclick: addEntry }, t("paperAddRow")),
      h("div", { class: "filters", style: "margin-top:0.8rem" }, source, h("button", { type: "submit", class: "primary" }, t("paperSubmit"))),
      errors,
    ),
  ];
}
