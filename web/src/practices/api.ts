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

export const practicesApi = {
  list: (query = "") => api.get<Page<Practice>>(`/practices?limit=1000${query}`),
  get: (id: number) => api.get<Practice>(`/practices/${id}`),
  update: (p: Practice, changes: Partial<Practice>) => api.put<Practice>(`/practices/${p.id}`, changes, p.version),
  affiliations: (agb: string) => api.get<Page<Affiliation>>(`/affiliations?limit=1000&practice_agb=${agb}`),
  people: () => api.get<Page<Person>>(`/people?limit=1000`),
  contracts: () => api.get<Page<Contract>>(`/contracts?limit=1000`),
  calamityCard: (agb: string) => api.get<Page<CalamityCard>>(`/calamity-cards?practice_agb=${agb}`),
};
