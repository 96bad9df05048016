// /api/v1/practices and the records shown on a practice's page.
import { api, Page } from "../api/client";

export interface Practice {
  id: number;
  version: number;
  agb: string;
  kvk: string | null;
  name: string;
  form: string;
  street_address: string | null;
  postcode: string;
  place: string | null;
  latitude: number | null;
  longitude: number | null;
  registered_patients: number;
  patient_stop: boolean;
  status: string;
  gp_group_code: string | null;
  district_code: string | null;
  out_of_hours_post_code: string | null;
  owner_kind: string;
  owner_name: string | null;
  medically_responsible_person_code: string | null;
  in_out_of_hours_rota: boolean;
}

export interface Affiliation {
  id: number;
  person_code: string;
  practice_agb: string;
  role: string;
  fte: number | null;
  days_present_per_week: number | null;
  expected_stop_year: number | null;
  successor: string;
  successor_name: string | null;
}

export interface Person {
  id: number;
  code: string;
  name: string;
  birth_year: number | null;
  phone: string | null;
  email: string | null;
}

export interface Contract {
  id: number;
  version: number;
  practice_a_agb: string;
  practice_b_agb: string;
  since: string | null;
  last_reviewed: string | null;
  cover_days: number;
  patients_covered: string | null;
  triage_and_phone: string | null;
  responsibility_shift: string | null;
}

export interface CalamityCard {
  id: number;
  practice_agb: string;
  [item: string]: string | number | boolean | null;
}

// "&code=A&code=B": a field that may have any of these values.
const anyOf = (field: string, values: string[]) => values.map((v) => `&${field}=${encodeURIComponent(v)}`).join("");

export const practicesApi = {
  // Every practice (the map, the pick-lists): the server allows up to 10,000 in one page.
  list: (query = "") => api.get<Page<Practice>>(`/practices?limit=10000${query}`),
  page: (query: string, limit: number, offset: number) =>
    api.get<Page<Practice>>(`/practices?limit=${limit}&offset=${offset}${query}`),
  byAgb: (agbs: string[]) =>
    agbs.length ? api.get<Page<Practice>>(`/practices?limit=1000${anyOf("agb", agbs)}`) : Promise.resolve({ items: [], total: 0, limit: 0, offset: 0 }),
  get: (id: number) => api.get<Practice>(`/practices/${id}`),
  update: (p: Practice, changes: Partial<Practice>) => api.put<Practice>(`/practices/${p.id}`, changes, p.version),
  affiliations: (agb: string) => api.get<Page<Affiliation>>(`/affiliations?limit=1000&practice_agb=${agb}`),
  people: () => api.get<Page<Person>>(`/people?limit=10000`),
  // Only the people named (in batches of 100, so an address never grows too long).
  peopleByCode: async (codes: string[]): Promise<Page<Person>> => {
    const unique = [...new Set(codes)];
    const batches: string[][] = [];
    for (let i = 0; i < unique.length; i += 100) batches.push(unique.slice(i, i + 100));
    const pages = await Promise.all(batches.map((b) => api.get<Page<Person>>(`/people?limit=1000${anyOf("code", b)}`)));
    const items = pages.flatMap((page) => page.items);
    return { items, total: items.length, limit: items.length, offset: 0 };
  },
  // The contracts this practice is a partner in, on either side.
  contractsOf: async (agb: string): Promise<Page<Contract>> => {
    const [a, b] = await Promise.all([
      api.get<Page<Contract>>(`/contracts?limit=1000&practice_a_agb=${agb}`),
      api.get<Page<Contract>>(`/contracts?limit=1000&practice_b_agb=${agb}`),
    ]);
    return { items: [...a.items, ...b.items], total: a.total + b.total, limit: 2000, offset: 0 };
  },
  calamityCard: (agb: string) => api.get<Page<CalamityCard>>(`/calamity-cards?practice_agb=${agb}`),
};
