// GET /api/v1/stress: the resilience stress test (N-1, areas, a future year).
import { api } from "../api/client";

export interface StressPractice {
  agb: string;
  name: string;
  place: string;
  municipality: string;
  latitude: number;
  longitude: number;
  patients: number;
  gp_fte: number;
  capacity: number;
  closed_in_base: boolean;
  base_absorbed: number;
}

export interface StressReceiver {
  agb: string;
  name: string;
  capacity: number;
  absorbed: number;
  binding: boolean;
  saturated: boolean;
  patients_per_fte_after: number | null;
}

export interface StressOutcome {
  patients: number;
  placed: number;
  unplaced: number;
  share_placed: number;
  placeable_bound: number;
  vulnerable_patients: number;
  vulnerable_placed: number;
  households: number;
  households_placed: number;
  patients_out_of_reach: number;
  extra_places_needed: number;
  mean_km: number;
  max_km: number;
  receivers_above_signal: number;
  max_patients_per_fte_after: number | null;
  receivers: StressReceiver[];
  explanation: string[];
}

export interface StressScenario {
  id: string;
  kind: string;
  name: string;
  closed: string[];
  verdict: string;
  outcome: StressOutcome;
}

export interface StressReport {
  date: string;
  this_year: number;
  year: number | null;
  parameters: { max_distance_km: number; max_distance_vulnerable_km: number | null };
  norm_patients_per_fte: number;
  capacity_patients_per_fte: number;
  signal_patients_per_fte: number;
  practices_left_out: number;
  practices: StressPractice[];
  base: { closed: string[]; outcome: StressOutcome } | null;
  scenarios: StressScenario[];
  single_ranked: number[];
  areas_ranked: number[];
  weak_points: string[];
  seconds: number;
  threads: number;
  zones: { id: string; name: string; kind: string; source: string }[];
}

export interface StressQuery {
  year?: number;
  capacity_per_fte?: number;
  max_km?: number;
  areas?: string[];
}

function params(q: StressQuery): URLSearchParams {
  const p = new URLSearchParams();
  if (q.year !== undefined) p.set("year", String(q.year));
  if (q.capacity_per_fte !== undefined) p.set("capacity_per_fte", String(q.capacity_per_fte));
  if (q.max_km !== undefined) p.set("max_km", String(q.max_km));
  for (const a of q.areas ?? []) p.append("area", a);
  return p;
}

export const stressApi = {
  run: (q: StressQuery) => {
    const p = params(q).toString();
    return api.get<StressReport>(`/stress${p ? `?${p}` : ""}`);
  },
  downloadUrl: (q: StressQuery, format: "csv" | "xlsx") => {
    const p = params(q);
    p.set("format", format);
    return `/api/v1/stress?${p.toString()}`;
  },
};
