// The login page: the first thing a coordinator sees at 03:00, so it says what to do.
import { ApiError } from "../api/client";
import { login, User } from "../api/session";
import { t, toggleLang } from "../i18n";
import { h } from "../ui/dom";

export function renderLogin(app: HTMLElement, onLoggedIn: (user: User) => void): void {
  const error = h("p", { class: "error", role: "alert" });
  const username = h("input", { id: "username", name: "username", autocomplete: "username", required: true }) as HTMLInputElement;
  const password = h("input", { id: "password", name: "password", type: "password", autocomplete: "current-password", required: true }) as HTMLInputElement;
  const form = h(
    "form",
    {
      class: "login card",
      onsubmit: async (event: Event) => {
        event.preventDefault();
        error.textContent = "";
        try {
          onLoggedIn(await login(username.value.trim(), password.value));
        } catch (e) {
          error.textContent = e instanceof ApiError ? e.message : String(e);
        }
      },
    },
    h("h1", {}, "vangnet"),
    h("p", { class: "muted" }, t("tagline")),
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
}
