// The login page: the first thing a coordinator sees at 03:00, so it says what to do. Two steps:
// the password, then a code from an authenticator app (or, the first time, setting that app up
// with a QR code; then the recovery codes, shown once).
import QRCode from "qrcode";
import { ApiError } from "../api/client";
import { beginEnrolment, completeLogin, login, LoginStep, SINGLE_SIGN_ON_START, singleSignOn, User } from "../api/session";
import { fmt, t, toggleLang } from "../i18n";
import { h } from "../ui/dom";

type Done = (user: User) => void;

function showError(target: HTMLElement, e: unknown): void {
  target.textContent = e instanceof ApiError ? e.message : String(e);
}

// The QR code as an SVG element. The library draws it from our own otpauth URI; parsed as SVG,
// never inserted as HTML.
async function qrCode(uri: string): Promise<Element> {
  const svg = await QRCode.toString(uri, { type: "svg", errorCorrectionLevel: "M", margin: 2 });
  const element = new DOMParser().parseFromString(svg, "image/svg+xml").documentElement;
  element.setAttribute("role", "img");
  element.setAttribute("aria-label", t("enrolQr"));
  element.setAttribute("class", "qr-code");
  return element;
}

function page(app: HTMLElement, form: HTMLElement): void {
  app.replaceChildren(h("main", { class: "login-page" }, form));
}

// A login form's submit: take the step `attempt` asks the server for and go where it leads; a
// refusal shows in `error` and the form stays.
function submitStep(app: HTMLElement, error: HTMLElement, done: Done, attempt: () => Promise<LoginStep>, onRefused = () => {}) {
  return async (event: Event) => {
    event.preventDefault();
    error.textContent = "";
    try {
      await next(app, await attempt(), done);
    } catch (e) {
      showError(error, e);
      onRefused();
    }
  };
}

// Where a step leads: the app, the recovery codes first, or the code form.
async function next(app: HTMLElement, step: LoginStep, done: Done): Promise<void> {
  if (step.kind === "session") {
    if (step.recoveryCodes.length > 0) return renderRecoveryCodes(app, step.user, step.recoveryCodes, done);
    return done(step.user);
  }
  return renderCodeStep(app, step.pending, step.kind === "enrol", done);
}

async function renderCodeStep(app: HTMLElement, pending: string, enrol: boolean, done: Done): Promise<void> {
  const error = h("p", { class: "error", role: "alert" });
  const code = h("input", {
    id: "code", name: "code", autocomplete: "one-time-code", inputmode: enrol ? "numeric" : "text",
    required: true, maxlength: 20,
  }) as HTMLInputElement;
  const intro: (Node | string)[] = [];
  if (enrol) {
    try {
      const enrolment = await beginEnrolment(pending);
      intro.push(
        h("p", {}, t("enrolSteps")),
        h("div", { class: "qr" }, await qrCode(enrolment.otpauth_uri)),
        h("p", { class: "muted" }, t("enrolSecret")),
        h("p", {}, h("code", { class: "secret", "data-secret": enrolment.secret }, enrolment.secret.replace(/(.{4})(?=.)/g, "$1 "))),
      );
    } catch (e) {
      showError(error, e);
    }
  } else {
    intro.push(h("p", { class: "muted" }, t("secondFactorHint")));
  }
  const form = h(
    "form",
    {
      class: "login card",
      onsubmit: submitStep(app, error, done, () => completeLogin(pending, code.value.trim()), () => code.select()),
    },
    h("h1", {}, enrol ? t("enrolTitle") : t("secondFactorTitle")),
    ...intro,
    h("label", { for: "code" }, t("secondFactorCode")),
    code,
    error,
    h("button", { type: "submit", class: "primary" }, t("confirmCode")),
  );
  page(app, form);
  code.focus();
}

function renderRecoveryCodes(app: HTMLElement, user: User, codes: string[], done: Done): void {
  const form = h(
    "form",
    { class: "login card", onsubmit: (event: Event) => { event.preventDefault(); done(user); } },
    h("h1", {}, t("recoveryTitle")),
    h("p", {}, t("recoveryIntro")),
    h("ol", { class: "recovery-codes" }, ...codes.map((c) => h("li", {}, h("code", {}, c)))),
    h("button", { type: "submit", class: "primary" }, t("recoveryDone")),
  );
  page(app, form);
}

// Why a single sign-on came back refused: the server sends a short reason code in the address
// (never a text), which is shown once and then taken out of the address bar.
function singleSignOnRefusal(): string {
  const params = new URLSearchParams(location.search);
  const reason = params.get("sso_fout");
  if (!reason) return "";
  history.replaceState(null, "", "/" + location.hash);
  const plain = reason.replace(/[^a-z_]/g, "").slice(0, 20);
  switch (plain) {
    case "state": return t("ssoState");
    case "browser": return t("ssoBrowser");
    case "provider": return t("ssoProvider");
    case "amr": return t("ssoMfa");
    case "role": return t("ssoRole");
    case "practices": return t("ssoPractices");
    case "user": return t("ssoBlocked");
    case "unavailable": return t("ssoUnavailable");
    case "sso": return t("ssoBusy");
    default: return fmt("ssoRejected", { reason: plain || "?" });
  }
}

let refusalShown = false;

export function renderLogin(app: HTMLElement, onLoggedIn: Done): void {
  const refusal = refusalShown ? "" : singleSignOnRefusal();
  refusalShown = true;
  const error = h("p", { class: "error", role: "alert" });
  // The organisation's button (filled in below) with, above it, why the last try was refused.
  const refused = h("p", { class: "error", role: "alert" }, refusal);
  const organisation = h("div", { class: "sso" }, refused);
  const username = h("input", { id: "username", name: "username", autocomplete: "username", required: true }) as HTMLInputElement;
  const password = h("input", { id: "password", name: "password", type: "password", autocomplete: "current-password", required: true }) as HTMLInputElement;
  const form = h(
    "form",
    {
      class: "login card",
      onsubmit: submitStep(app, error, onLoggedIn, () => login(username.value.trim(), password.value)),
    },
    h("h1", {}, "vangnet"),
    h("p", { class: "muted" }, t("tagline")),
    organisation,
    h("label", { for: "username" }, t("username")),
    username,
    h("label", { for: "password" }, t("password")),
    password,
    error,
    h("button", { type: "submit", class: "primary" }, t("login")),
    h("button", { type: "button", class: "link", onclick: () => { toggleLang(); app.replaceChildren(); renderLogin(app, onLoggedIn); } }, t("language")),
  );
  app.append(h("main", { class: "login-page" }, form));
  username.focus();
  // The organisation's button above the form, when the region set it up.
  void singleSignOn().then((sso) => {
    if (!sso.enabled) return;
    organisation.append(
      h("a", { class: "button primary sso-button", href: SINGLE_SIGN_ON_START }, sso.label ?? ""),
      h("p", { class: "muted sso-or" }, t("ssoOr")),
    );
  });
}
