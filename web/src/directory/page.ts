// Contact directory and crisis roles, printable: the page to have on paper when the IT is down.
import { api, Page } from "../api/client";
import { practicesApi } from "../practices/api";
import type { PageContext } from "../ui/page_context";
import { label, t } from "../i18n";
import { clear, formatTimestamp, h } from "../ui/dom";

interface Organisation { code: string; name: string; kind: string; phone: string | null; email: string | null }
interface Contact { code: string; name: string; function: string | null; organisation_code: string | null; phone: string | null; phone_alternative: string | null; email: string | null }
interface CrisisRole { code: string; kind: string; gp_group_code: string | null; primary_person_code: string | null; substitute_person_code: string | null }
interface GpGroup { code: string; name: string }

export async function renderDirectory(ctx: PageContext): Promise<void> {
  const body = h("div", {});
  const render = async () => {
    const [organisations, contacts, roles, groups] = await Promise.all([
      api.get<Page<Organisation>>("/organisations?limit=10000"),
      api.get<Page<Contact>>("/contacts?limit=10000"),
      api.get<Page<CrisisRole>>("/crisis-roles?limit=10000"),
      api.get<Page<GpGroup>>("/gp-groups?limit=10000"),
    ]);
    // Only the people who hold a role: a national registry has tens of thousands.
    const people = await practicesApi.peopleByCode(
      roles.items.flatMap((r) => [r.primary_person_code, r.substitute_person_code]).filter((c): c is string => !!c),
    );
    const person = new Map(people.items.map((p) => [p.code, p]));
    const organisation = new Map(organisations.items.map((o) => [o.code, o]));
    const group = new Map(groups.items.map((g) => [g.code, g.name]));
    const who = (code: string | null) => {
      if (!code) return h("span", { class: "missing" }, t("missing"));
      const p = person.get(code);
      // Named in the registry but not among the people this role may see: not missing.
      if (!p) return h("span", { class: "muted" }, t("notShownToRole"));
      return h("span", {}, h("strong", {}, p.name), h("br", {}), p.phone ?? "", p.email ? ` · ${p.email}` : "");
    };
    clear(body);
    body.append(
      h("h2", {}, t("crisisRoles")),
      h(
        "div",
        { class: "table-wrap" },
        h(
          "table",
          { class: "list roles" },
          h("thead", {}, h("tr", {}, h("th", {}, t("role")), h("th", {}, t("primary")), h("th", {}, t("substitute")))),
          h(
            "tbody",
            {},
            roles.items.map((r) =>
              h(
                "tr",
                { class: r.substitute_person_code ? "" : "gap" },
                h("td", {}, label(r.kind), r.gp_group_code ? h("div", { class: "muted" }, group.get(r.gp_group_code) ?? r.gp_group_code) : null),
                h("td", {}, who(r.primary_person_code)),
                h("td", {}, who(r.substitute_person_code)),
              ),
            ),
          ),
        ),
      ),
      h("h2", {}, t("contacts")),
      h(
        "div",
        { class: "table-wrap" },
        h(
          "table",
          { class: "list" },
          h("thead", {}, h("tr", {}, h("th", {}, t("organisation")), h("th", {}, t("name")), h("th", {}, t("function")), h("th", {}, t("phone")), h("th", {}, t("email")))),
          h(
            "tbody",
            {},
            contacts.items.map((c) =>
              h(
                "tr",
                {},
                h("td", {}, c.organisation_code ? organisation.get(c.organisation_code)?.name ?? c.organisation_code : "–"),
                h("td", {}, c.name),
                h("td", {}, c.function ?? ""),
                h("td", { class: "nowrap" }, c.phone ?? "", c.phone_alternative ? h("div", { class: "muted" }, c.phone_alternative) : null),
                h("td", {}, c.email ?? ""),
              ),
            ),
          ),
        ),
      ),
    );
  };
  ctx.main.append(
    h(
      "div",
      { class: "title-row" },
      h("h1", {}, t("directory")),
      h("button", { class: "button no-print", onclick: () => window.print() }, t("print")),
      h("a", { class: "button no-print", href: "/api/v1/printouts/contact-list", target: "_blank", rel: "noopener" }, t("printPdf")),
    ),
    h("p", { class: "print-only" }, `${t("printedOn")} ${formatTimestamp(new Date().toISOString())}`),
    body,
  );
  ctx.watch(["contact", "crisis_role", "person", "organisation"], render);
  await render();
}
