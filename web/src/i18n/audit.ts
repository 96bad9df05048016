// Texts of the audit log page. Dutch first; English has every key (the type says so).
export const nl = {
  forbidden: "Uw rol geeft geen toegang tot deze pagina.",
  when: "Wanneer",
  who: "Wie",
  action: "Actie",
  object: "Object",
  purpose: "Doel",
  outcome: "Uitkomst",
  filter: "Filteren",
};

export const en: typeof nl = {
  forbidden: "Your role gives no access to this page.",
  when: "When",
  who: "Who",
  action: "Action",
  object: "Object",
  purpose: "Purpose",
  outcome: "Outcome",
  filter: "Filter",
};
