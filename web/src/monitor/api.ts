// GET /api/v1/monitor: the continuity signals, areas, succession radar and history.
import { api } from "../api/client";

export interface SignalRule {
  id: string;
  label: string;
  explanation: string;
  threshold: number | null;
  severity: "high" | "medium" | "low";
  source: string;
  practices: number;
}

export interface SignalHit {
  id: string;
  label: string;
  severity: "high" | "medium" | "low";
  detail: string;
  source: string;
}

export interface PracticeRisk {
  id: number;
  agb: string;
  name: string;
  place: string;
  district_code: string;
  gp_group_code: string;
  latitude: number | null;
  longitude: number | null;
  patients: number;
  gp_fte: number;
  patients_per_fte: number | null;
  headroom: number;
  solo: boolean;
  holders_60_plus: number;
  score: number;
  signals: SignalHit[];
}

export interface AreaRisk {
  kind: "district" | "gp_group";
  code: string;
  name: string;
  practices: number;
  practices_with_signals: number;
  high_signals: number;
  patients: number;
  headroom: number;
  solo: number;
  holders_60_plus: number;
}

export interface SuccessionYear {
  year: number;
  holders_stopped: number;
  practices_without_successor: number;
  patients_affected: number;
}

export interface Conversation {
  person_code: string;
  name: string;
  practice_agb: string;
  age: number;
  expected_stop_year: number;
  stop_year_assumed: boolean;
  successor: string;
}

export interface MonitorReport {
  date: string;
  norm_patients_per_fte: number;
  signals: SignalRule[];
  practices: PracticeRisk[];
  areas: AreaRisk[];
  succession: SuccessionYear[];
  conversations: Conversation[];
  history: { month: string; measure: string; value: number }[];
}

export const monitorApi = {
  report: () => api.get<MonitorReport>("/monitor"),
  practice: (agb: string) => api.get<MonitorReport>(`/monitor?practice=${encodeURIComponent(agb)}`),
};
