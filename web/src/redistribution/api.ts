// /api/v1/incidents/{id}/redistribution: patient redistribution (opvang) within an incident.
import { api } from "../api/client";

export interface Receiver {
  id: string;
  name: string;
  kind: "practice" | "new_practice" | "out_of_hours_post" | "locum_hours";
  latitude: number;
  longitude: number;
  capacity: number;
  contract_partner: boolean;
  placed_patients: number;
  placed_households: number;
  vulnerable_patients: number;
  patients_per_fte_after?: number;
  above_signal?: boolean;
  mean_km?: number;
  max_km?: number;
  saturated?: boolean;
  binding?: boolean;
}

export interface Unplaced {
  household: string;
  postcode: string;
  patients: number;
  reason: "no_receiver_in_reach" | "capacity_in_reach_exhausted";
  explanation: string;
}

export interface Overview {
  incident: { id: number; number: string; title: string; status: string };
  parameters: { max_distance_km: number; max_distance_vulnerable_km: number | null; contract_bonus_km: number; detour_factor: number; exact_seconds: number };
  closed_practices: { agb: string; name?: string; registered_patients?: number; patients_listed: number; latitude?: number; longitude?: number }[];
  receivers: Receiver[];
  postcodes: { postcode: string; receiver: string; latitude: number; longitude: number; households: number; patients: number }[];
  funnel: Record<string, number>;
  consent: Record<string, number>;
  patients_total: number;
  offers: { practice_agb: string; capacity: number }[];
  plan_out_of_date: string[];
  sites: { id: number; kind: string; name: string; capacity: number; practice_agb: string }[];
  plan?: {
    planned_at: string;
    planned_by: string;
    outcome: string;
    summary: { households_total: number; households_placed: number; patients_total: number; patients_placed: number; vulnerable_total: number; vulnerable_placed: number; extra_places_needed: number };
    lower_bound: { patients_placeable: number; cost_km: number };
    gap: { cost_relative: number | null; patients: number };
    explanation: string[];
    candidates: { id: string; name: string; unplaced_households_in_reach: number; unplaced_patients_in_reach: number; unplaced_vulnerable_in_reach?: number; mean_km?: number }[];
    unplaced?: Unplaced[];
  };
}

export interface TrackedPatient {
  id: number;
  practice_agb: string;
  his_number: string;
  household_key: string;
  postcode: string;
  house_number: string;
  birth_year: number;
  vulnerability: string;
  receiver_id: string;
  stage: "unplaced" | "proposed" | "accepted" | "informed" | "registered" | "transferred";
  consent: "pending" | "given" | "objected";
}

const base = (id: number) => `/incidents/${id}/redistribution`;

// The regional plan's answer: each open incident's share, and the region's explanation.
export interface RegionalPlan {
  incidents: { id: number; number: string; title: string; patients: number; placed: number; vulnerable: number; vulnerable_placed: number }[];
  explanation: string[];
  patients: number;
  placed: number;
}

export const redistributionApi = {
  planRegion: (parameters: { max_distance_km: number; max_distance_vulnerable_km: number }) => api.post<RegionalPlan>("/redistribution/plan", parameters),
  overview: (id: number) => api.get<Overview>(base(id)),
  loadDemo: (id: number, agb: string) => api.post<{ patients: number }>(`${base(id)}/patients`, { practice_agb: agb, demo: true }),
  importCsv: (id: number, agb: string, csv: string, fileName: string) =>
    api.post<{ patients: number }>(`${base(id)}/patients`, { practice_agb: agb, csv, file_name: fileName }),
  plan: (id: number, parameters: Partial<Overview["parameters"]>) => api.post<Overview>(`${base(id)}/plan`, parameters),
  offer: (id: number, agb: string, capacity: number | null) => api.post(`${base(id)}/offers`, { practice_agb: agb, capacity }),
  addSite: (id: number, site: { kind: string; name: string; capacity: number; practice_agb?: string; latitude?: number; longitude?: number }) =>
    api.post<{ id: number }>(`${base(id)}/sites`, site),
  removeSite: (id: number, siteId: number) => api.delete(`${base(id)}/sites/${siteId}`, 0),
  patients: (id: number, receiver: string) => api.get<{ items: TrackedPatient[] }>(`${base(id)}/patients?receiver=${encodeURIComponent(receiver)}`),
  decide: (id: number, practiceAgb: string, householdKey: string, accept: boolean) =>
    api.post(`${base(id)}/decisions`, { practice_agb: practiceAgb, household_key: householdKey, accept }),
  advance: (id: number, ids: number[], stage: string) => api.post(`${base(id)}/tracking`, { ids, stage }),
  consent: (id: number, patientId: number, consent: string) => api.post(`${base(id)}/tracking`, { id: patientId, consent }),
  purge: (id: number) => api.post<{ deleted: number }>(`${base(id)}/purge`, { export_confirmed: true }),
  lettersUrl: (id: number, receiver: string, format: "csv" | "xlsx" = "csv") => `/api/v1${base(id)}/letters?receiver=${encodeURIComponent(receiver)}&format=${format}`,
  exportUrl: (id: number, format: "csv" | "xlsx" = "csv") => `/api/v1${base(id)}/export?format=${format}`,
};
