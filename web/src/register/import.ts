// Reading in the region's own lists (CSV files or Excel workbooks) in the browser: the server
// checks every file and shows what would be added, changed (old -> new) and left alone before
// anything is written; one click then applies it all in one transaction, or nothing. The same
// import as `vangnet import` (POST /registry/import), with the same messages.
import { api, ApiError, FieldError, problemText } from "../api/client";
import type { PageContext } from "../ui/page_context";
import { fieldName, fmt, t } from "../i18n";
import { clear, h } from "../ui/dom";
import { toast } from "../ui/toast";
import { mayImport, registrySchema } from "./page";

interface Change {
  row: number;
  entry: string | null; // a FHIR Bundle's "entry[2]" instead of a row

  key: string;
  name: string;
  added: boolean;
  fields: { field: string; before: string; after: string }[];
}
interface FileReport {
  name: string;
  kind: string;
  created: number;
  updated: number;
  unchanged: number;
  changes: Change[];
}
interface ImportReport {
  applied: boolean;
  files: FileReport[];
}
interface UploadFile {
  name: string;
  content_base64: string;
  kind?: string; // for a CSV file whose name is no kind: what the user says it holds
}

async function asBase64(file: File): Promise<string> {
  const bytes = new Uint8Array(await file.arrayBuffer());
  let binary = "";
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
}

export async function renderRegisterImport(ctx: PageContext): Promise<void> {
  if (!mayImport(ctx.user.role)) {
    ctx.main.append(h("p", { class: "empty" }, t("notForYourRole")));
    return;
  }
  // The import names a kind as its file does ("gp_groups"); the schema's resource is "gp-groups".
  const kinds = await registrySchema();
  const plural = new Map(kinds.map((k) => [k.resource.replace(/-/g, "_"), k.plural]));
  // A CSV file named after no kind ("Praktijken 2026.csv") gets a pick-list; a workbook's
  // sheets and a FHIR Bundle's resources say their kind themselves.
  const knownName = (name: string) => {
    const stem = name.replace(/\.[^.]*$/, "").trim().toLowerCase();
    return [...plural.entries()].some(([kind, p]) => stem === kind || stem === p.toLowerCase());
  };
  const outcome = h("div", { class: "import-outcome", "aria-live": "polite" });
  const input = h("input", { type: "file", multiple: true, accept: ".csv,.xlsx,.json,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet,application/json,application/fhir+json", id: "import-files" }) as HTMLInputElement;
  let files: UploadFile[] = [];

  const errorList = (e: unknown) => {
    const list: FieldError[] = e instanceof ApiError && e.errors.length ? e.errors : [{ message: problemText(e) }];
    return h(
      "section",
      { class: "card import-errors", role: "alert" },
      h("h2", {}, fmt("importRefused", { n: list.length })),
      h("ul", {}, list.map((x) => h("li", {}, x.text ?? x.message))),
      h("p", { class: "muted" }, list.length >= 100 ? t("importStoppedAt100") : t("importFixAndRetry")),
    );
  };

  const changeText = (c: Change) =>
    c.added
      ? t("importAdded")
      : c.fields.map((f) => `${fieldName(f.field)}: ${f.before === "" ? "–" : f.before} → ${f.after === "" ? "–" : f.after}`).join("; ");

  const fileSection = (f: FileReport) => {
    const listed = f.changes.length;
    const changed = f.created + f.updated;
    return h(
      "section",
      { class: "card import-file" },
      h("h2", {}, f.name, h("span", { class: "muted" }, ` · ${plural.get(f.kind) ?? f.kind}`)),
      h("p", { class: "import-counts" }, fmt("importCounts", { created: f.created, updated: f.updated, unchanged: f.unchanged })),
      listed
        ? h(
            "div",
            { class: "table-wrap" },
            h(
              "table",
              { class: "list" },
              h("thead", {}, h("tr", {}, h("th", {}, f.changes.some((c) => c.entry) ? t("importEntry") : t("importRow")), h("th", {}, t("importKey")), h("th", {}, t("importWhat")))),
              h("tbody", {}, f.changes.map((c) => h("tr", { class: c.added ? "added" : "changed" }, h("td", {}, c.entry ?? String(c.row)), h("td", {}, c.name ? `${c.key} · ${c.name}` : c.key), h("td", {}, changeText(c))))),
            ),
          )
        : "",
      changed > listed ? h("p", { class: "muted" }, fmt("importMoreChanges", { n: changed - listed })) : "",
    );
  };

  const check = async () => {
    clear(outcome);
    if (files.length === 0) return;
    outcome.append(h("p", { class: "muted" }, t("importChecking")));
    let report: ImportReport;
    try {
      report = await api.post<ImportReport>("/registry/import", { files, apply: false });
    } catch (e) {
      clear(outcome);
      outcome.append(errorList(e));
      return;
    }
    clear(outcome);
    const total = report.files.reduce((n, f) => n + f.created + f.updated, 0);
    const apply = h(
      "button",
      {
        class: "primary",
        disabled: total === 0,
        onclick: async (e: Event) => {
          const button = e.currentTarget as HTMLButtonElement;
          button.disabled = true;
          try {
            const done = await api.post<ImportReport>("/registry/import", { files, apply: true });
            const created = done.files.reduce((n, f) => n + f.created, 0);
            const updated = done.files.reduce((n, f) => n + f.updated, 0);
            clear(outcome);
            outcome.append(h("section", { class: "card import-done", role: "status" }, h("h2", {}, t("importDone")), h("p", {}, fmt("importDoneCounts", { created, updated }))));
            toast(t("importDone"));
            files = [];
          } catch (err) {
            clear(outcome);
            outcome.append(errorList(err));
          }
        },
      },
      total === 0 ? t("importNothing") : total === 1 ? t("importApplyOne") : fmt("importApply", { n: total }),
    );
    outcome.append(
      h("p", { class: "import-summary" }, total === 0 ? t("importNothingToDo") : total === 1 ? t("importPreviewOne") : fmt("importPreview", { n: total })),
      ...report.files.map(fileSection),
      h("div", { class: "actions" }, apply, h("button", { class: "link", onclick: () => { files = []; clear(outcome); } }, t("importCancel"))),
    );
  };

  const askKinds = (unnamed: UploadFile[]) => {
    clear(outcome);
    const selects = unnamed.map((f) => {
      const select = h("select", { "aria-label": fmt("importKindOf", { file: f.name }) }, h("option", { value: "" }, t("importKindChoose")), [...plural.entries()].map(([kind, p]) => h("option", { value: kind }, p))) as HTMLSelectElement;
      return [f, select] as const;
    });
    outcome.append(
      h(
        "section",
        { class: "card import-kinds" },
        h("h2", {}, t("importKindTitle")),
        selects.map(([f, select]) => h("label", { class: "field" }, h("span", {}, f.name), select)),
        h(
          "button",
          {
            class: "primary",
            onclick: () => {
              if (selects.some(([, select]) => !select.value)) return toast(t("importKindMissing"));
              for (const [f, select] of selects) f.kind = select.value;
              void check();
            },
          },
          t("importCheck"),
        ),
      ),
    );
  };

  const choose = async (list: FileList | null) => {
    if (!list || list.length === 0) return;
    files = await Promise.all([...list].map(async (f) => ({ name: f.name, content_base64: await asBase64(f) })));
    // Cleared, so choosing the corrected file of the same name again is noticed.
    input.value = "";
    const unnamed = files.filter((f) => !/\.(xlsx|json)$/i.test(f.name) && !knownName(f.name));
    if (unnamed.length) return askKinds(unnamed);
    await check();
  };
  input.addEventListener("change", () => choose(input.files));

  const drop = h(
    "label",
    { class: "drop-zone", for: "import-files" },
    h("strong", {}, t("importDrop")),
    h("span", { class: "muted" }, t("importDropHint")),
    input,
  );
  drop.addEventListener("dragover", (e) => {
    e.preventDefault();
    drop.classList.add("over");
  });
  drop.addEventListener("dragleave", () => drop.classList.remove("over"));
  drop.addEventListener("drop", (e) => {
    e.preventDefault();
    drop.classList.remove("over");
    choose((e as DragEvent).dataTransfer?.files ?? null);
  });

  ctx.main.append(
    h("a", { href: "#/register", class: "back" }, `← ${t("registerTitle")}`),
    h("h1", {}, t("importTitle")),
    h("p", {}, t("importIntro")),
    h(
      "p",
      { class: "import-downloads" },
      h("a", { class: "button", href: "/api/v1/registry/template.xlsx", download: "vangnet-sjabloon.xlsx" }, t("importTemplate")),
      " ",
      h("a", { class: "button", href: "/api/v1/registry/export.xlsx", download: "vangnet-register.xlsx" }, t("importExport")),
    ),
    h("p", { class: "muted" }, t("importTemplateHint")),
    drop,
    outcome,
  );
}
