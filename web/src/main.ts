// The app shell: login, navigation, hash routes, and live updates from the server.
import "leaflet/dist/leaflet.css";
import "./style.css";
import { whenUnauthenticated } from "./api/client";
import { currentUser, logout, User } from "./api/session";
import { currentLang, t, toggleLang } from "./i18n";
import { startLiveUpdates, stopLiveUpdates } from "./live";
import { renderLogin } from "./pages/login";
import { renderAcknowledge } from "./pages/acknowledge";
import { renderOverview } from "./pages/overview";
import { renderPracticeList } from "./practices/list";
import { renderPracticePage } from "./practices/detail";
import { renderDirectory } from "./directory/page";
import { renderAudit } from "./audit/page";
import { renderIncidentList } from "./incidents/list";
import { renderStartIncident } from "./incidents/start";
import { renderIncidentBoard } from "./incidents/board";
import { renderRedistribution } from "./redistribution/page";
import { renderRegionalPlan } from "./redistribution/regional";
import { renderMonitor } from "./monitor/page";
import { renderStress } from "./stress/page";
import { renderPreparedness } from "./preparedness/page";
import { renderProgrammes } from "./programmes/page";
import { renderAccounts } from "./accounts/page";
import { forgetRegistrySchema, renderRegisterIndex, renderRegisterList, renderRegisterRecord } from "./register/page";
import { renderRegisterImport } from "./register/import";
import { clear, h } from "./ui/dom";
import type { PageContext } from "./ui/page_context";

const toastElement = h("div", { id: "toast", role: "status", "aria-live": "polite" });

const app = document.getElementById("app")!;
let user: User | null = null;
// The page on screen re-renders itself when the server reports a change to a table it shows.
let refreshOnChange: ((table: string) => void) | null = null;

function navigation(current: string): HTMLElement {
  const links: [string, string][] = [
    ["#/", t("overview")],
    ["#/incidenten", t("incidents")],
    ["#/monitor", t("monitor")],
    ["#/praktijken", t("practices")],
  ];
  if (user!.role !== "practice_user") links.splice(3, 0, ["#/stresstest", t("stress")]);
  if (user!.role !== "insurer_liaison") links.push(["#/paraatheid", t("prep")]);
  links.push(["#/programmas", t("progNav")]);
  if (user!.role !== "insurer_liaison") links.push(["#/contacten", t("navDirectory")]);
  if (user!.role === "admin") links.push(["#/audit", t("audit")], ["#/accounts", t("accountsNav")]);
  return h(
    "header",
    { class: "topbar" },
    h("a", { class: "brand", href: "#/" }, "vangnet"),
    h(
      "nav",
      { "aria-label": t("mainMenu") },
      links.map(([href, text]) =>
        h("a", { href, class: current === href ? "active" : "", "aria-current": current === href ? "page" : null }, text),
      ),
    ),
    h(
      "div",
      { class: "user" },
      h("span", { class: "who", title: `${user!.display_name} · ${user!.role_label}` }, `${user!.display_name} · ${user!.role_label}`),
      h("button", { class: "link", onclick: () => { toggleLang(); route(); } }, t("language")),
      h("button", { class: "link", onclick: async () => { await logout(); user = null; forgetRegistrySchema(); route(); } }, t("logout")),
    ),
  );
}

async function route(): Promise<void> {
  document.documentElement.lang = currentLang();
  // The acknowledgement link from an alarm message works without a session.
  if (location.pathname === "/bevestig") {
    clear(app);
    renderAcknowledge(app);
    return;
  }
  if (!user) user = await currentUser();
  // The event stream needs a session: it starts (or restarts) once someone is logged in.
  if (user) startLiveUpdates((table) => refreshOnChange?.(table));
  else stopLiveUpdates();
  clear(app);
  refreshOnChange = null;
  if (!user) {
    renderLogin(app, (loggedIn) => {
      user = loggedIn;
      route();
    });
    return;
  }
  const hash = location.hash || "#/";
  const main = h("main", { id: "main" });
  const top = hash.startsWith("#/praktijken") || hash.startsWith("#/register") ? "#/praktijken" : hash.startsWith("#/incidenten") ? "#/incidenten" : hash.startsWith("#/programmas") ? "#/programmas" : hash.split("?")[0];
  // The same toast across pages: "Opgeslagen" said just before a form returns to its page stays.
  app.append(navigation(top), main, toastElement);
  const context: PageContext = {
    user,
    main,
    watch(tables, rerender) {
      refreshOnChange = (table) => {
        if (tables.includes(table)) rerender();
      };
    },
  };
  // A page the role has no menu item for, typed or bookmarked: said in Dutch, not drawn empty
  // (the stress test says itself why a practice user cannot see it).
  const page = top.replace(/^#\//, "");
  const forbidden =
    (user!.role === "insurer_liaison" && ["paraatheid", "contacten"].includes(page)) ||
    (user!.role !== "admin" && (page === "audit" || page === "accounts"));
  if (forbidden) {
    main.append(h("p", { class: "empty" }, t("notForYourRole")));
    return;
  }
  const registerMatch = hash.match(/^#\/register\/([a-z-]+)(?:\/(\d+|nieuw))?(?:\?.*)?$/);
  const practiceMatch = hash.match(/^#\/praktijken\/(\d+)(?:\/(wijzigen|calamiteitenkaart))?$/);
  if (hash === "#/" || hash === "") await renderOverview(context);
  else if (hash.startsWith("#/praktijken") && !practiceMatch) await renderPracticeList(context);
  else if (practiceMatch) await renderPracticePage(context, Number(practiceMatch[1]), (practiceMatch[2] ?? "") as "" | "wijzigen" | "calamiteitenkaart");
  else if (hash === "#/incidenten") await renderIncidentList(context);
  else if (hash === "#/incidenten/nieuw") await renderStartIncident(context);
  else if (/^#\/incidenten\/\d+$/.test(hash)) await renderIncidentBoard(context, Number(hash.split("/")[2]));
  else if (/^#\/incidenten\/\d+\/opvang$/.test(hash)) await renderRedistribution(context, Number(hash.split("/")[2]));
  else if (hash === "#/opvang") await renderRegionalPlan(context);
  else if (hash === "#/monitor") await renderMonitor(context);
  else if (hash === "#/stresstest") await renderStress(context);
  else if (hash === "#/paraatheid") await renderPreparedness(context);
  else if (hash === "#/programmas" || hash === "#/programmas/samenwerking") await renderProgrammes(context, hash.endsWith("samenwerking") ? "samenwerking" : "opvolging");
  else if (hash === "#/contacten") await renderDirectory(context);
  else if (hash === "#/audit") await renderAudit(context);
  else if (hash === "#/register") await renderRegisterIndex(context);
  else if (hash === "#/register/inlezen") await renderRegisterImport(context);
  else if (hash === "#/accounts") await renderAccounts(context);
  else if (registerMatch) {
    const query = new URLSearchParams(hash.split("?")[1] ?? "");
    if (registerMatch[2]) await renderRegisterRecord(context, registerMatch[1], registerMatch[2] === "nieuw" ? "nieuw" : Number(registerMatch[2]), query);
    else await renderRegisterList(context, registerMatch[1], query);
  }
  else main.append(h("p", { class: "empty" }, t("notFound")));
}

whenUnauthenticated(() => {
  user = null;
  forgetRegistrySchema();
  route();
});
window.addEventListener("hashchange", () => route());
route();
