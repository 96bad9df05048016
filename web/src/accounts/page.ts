// The admin's accounts page: what `vangnet user` does, in the browser. List with role,
// practices, second factor and last login; add an account; block or unblock; set a temporary
// password; reset a lost second factor. The server checks the role and audits every step.
import { api, problemText } from "../api/client";
import type { PageContext } from "../ui/page_context";
import { label, t } from "../i18n";
import { formatTimestamp, h } from "../ui/dom";
import { toast } from "../ui/toast";

interface Account {
  username: string;
  display_name: string;
  role: string;
  role_label: string;
  practice_agbs: string[];
  disabled: boolean;
  second_factor: boolean;
  last_login: string | null;
}

const ROLES = ["coordinator", "crisis_team", "practice_user", "insurer_liaison", "read_only", "admin"];

export async function renderAccounts(ctx: PageContext): Promise<void> {
  const draw = async () => {
    const accounts = (await api.get<{ items: Account[] }>("/users")).items;
    ctx.main.replaceChildren(h("h1", {}, t("accountsTitle")), h("p", { class: "muted" }, t("accountsIntro")), stepUpField(), table(accounts, ctx.user.username, draw), addForm(draw));
  };
  await draw();
}

// Dangerous actions (a second factor reset, a password set, a new admin) are confirmed with a
// fresh code of the admin's own second factor: a stolen session alone cannot take an account
// over. One field for all of them; a code is used once, so it is emptied after each try.
let stepUpInput: HTMLInputElement | null = null;

function stepUpField(): HTMLElement {
  stepUpInput = h("input", { id: "step-up-code", name: "step_up_code", inputmode: "numeric", autocomplete: "one-time-code", maxlength: 6, class: "narrow" }) as HTMLInputElement;
  return h(
    "div",
    { class: "card field step-up" },
    h("label", { for: "step-up-code" }, t("accountsStepUpLabel")),
    stepUpInput,
    h("p", { class: "hint" }, t("accountsStepUpHint")),
  );
}

function stepUpCode(): string {
  const code = stepUpInput?.value.trim() ?? "";
  if (stepUpInput) stepUpInput.value = "";
  return code;
}

async function act(run: () => Promise<unknown>, done: string, redraw: () => Promise<void>): Promise<void> {
  try {
    await run();
    toast(done);
    await redraw();
  } catch (e) {
    toast(problemText(e));
  }
}

// `me`: the admin looking; their own second factor is reset by another admin or on the command
// line (the server refuses it here), so their row offers no button for it.
function table(accounts: Account[], me: string, redraw: () => Promise<void>): HTMLElement {
  return h(
    "div",
    { class: "table-wrap" },
    h(
      "table",
      { class: "list accounts" },
      h("thead", {}, h("tr", {}, [t("accountsUsername"), t("accountsDisplayName"), t("accountsRole"), t("accountsPracticesCol"), t("accountsSecondFactor"), t("accountsLastLogin"), t("accountsState"), ""].map((c) => h("th", {}, c)))),
      h(
        "tbody",
        {},
        accounts.map((a) => {
          const password = h("input", { type: "password", autocomplete: "new-password", "aria-label": `${t("accountsNewPassword")}: ${a.username}`, placeholder: t("accountsNewPassword"), class: "narrow" }) as HTMLInputElement;
          const path = `/users/${encodeURIComponent(a.username)}`;
          return h(
            "tr",
            { class: a.disabled ? "blocked" : "" },
            h("td", {}, a.username),
            h("td", {}, a.display_name),
            h("td", {}, label(a.role)),
            h("td", {}, a.practice_agbs.join(", ") || "–"),
            h("td", {}, a.second_factor ? t("yes") : h("span", { class: "missing" }, t("no"))),
            h("td", {}, a.last_login ? formatTimestamp(a.last_login) : t("accountsNever")),
            h("td", {}, a.disabled ? h("span", { class: "missing" }, t("accountsBlocked")) : t("accountsActive")),
            h(
              "td",
              {},
              h(
              "div",
              { class: "account-actions" },
              h("button", { onclick: () => act(() => api.post(`${path}/${a.disabled ? "enable" : "disable"}`, {}), a.disabled ? t("accountsUnblockedDone") : t("accountsBlockedDone"), redraw) }, a.disabled ? t("accountsUnblock") : t("accountsBlock")),
              a.second_factor && a.username === me
                ? h("span", { class: "muted" }, t("accountsOwnFactor"))
                : a.second_factor
                  ? h("button", { onclick: () => act(() => api.post(`${path}/second-factor/reset`, { step_up_code: stepUpCode() }), t("accountsFactorReset"), redraw) }, t("accountsResetFactor"))
                  : null,
              h(
                "details",
                {},
                h("summary", {}, t("accountsSetPassword")),
                h(
                  "form",
                  { class: "inline", onsubmit: (e: Event) => { e.preventDefault(); void act(() => api.post(`${path}/password`, { password: password.value, step_up_code: stepUpCode() }), t("accountsPasswordSet"), redraw); } },
                  password,
                  h("button", { type: "submit" }, t("accountsSetPassword")),
                ),
              ),
            ),
            ),
          );
        }),
      ),
    ),
  );
}

function addForm(redraw: () => Promise<void>): HTMLElement {
  const input = (name: string, text: string, type = "text") => {
    const el = h("input", { id: `account-${name}`, name, type, autocomplete: type === "password" ? "new-password" : "off" }) as HTMLInputElement;
    return [el, h("div", { class: "field" }, h("label", { for: `account-${name}` }, text), el)] as const;
  };
  const [username, usernameField] = input("username", t("accountsUsername"));
  const [name, nameField] = input("display_name", t("accountsDisplayName"));
  const [practices, practicesField] = input("practice_agbs", t("accountsPractices"));
  const [password, passwordField] = input("password", t("accountsPassword"), "password");
  const role = h("select", { id: "account-role", name: "role" }, ROLES.map((r) => h("option", { value: r }, label(r)))) as HTMLSelectElement;
  return h(
    "form",
    {
      class: "card edit",
      onsubmit: (e: Event) => {
        e.preventDefault();
        const body = {
          username: username.value.trim(),
          display_name: name.value.trim(),
          role: role.value,
          practice_agbs: practices.value.split(/[\s,;]+/).filter((x) => x),
          password: password.value,
          step_up_code: role.value === "admin" ? stepUpCode() : "",
        };
        void act(() => api.post("/users", body), `${t("accountsAdded")}: ${body.username}`, redraw);
      },
    },
    h("h2", {}, t("accountsAdd")),
    h("div", { class: "grid" }, usernameField, nameField, h("div", { class: "field" }, h("label", { for: "account-role" }, t("accountsRole")), role), practicesField, passwordField),
    h("div", { class: "actions" }, h("button", { type: "submit", class: "primary" }, t("accountsAdd"))),
  );
}
