// Texts of the contacts and crisis roles page. Dutch first; English has every key (the type says so).
export const nl = {
  printPdf: "PDF voor op papier",
  crisisRoles: "Crisisrollen",
  primary: "Primair",
  substitute: "Vervanger",
  print: "Afdrukken",
  printedOn: "Afgedrukt op",
  phone: "Telefoon",
  email: "E-mail",
  organisation: "Organisatie",
  function: "Functie",
};

export const en: typeof nl = {
  printPdf: "PDF for paper",
  crisisRoles: "Crisis roles",
  primary: "Primary",
  substitute: "Substitute",
  print: "Print",
  printedOn: "Printed on",
  phone: "Phone",
  email: "E-mail",
  organisation: "Organisation",
  function: "Function",
};
