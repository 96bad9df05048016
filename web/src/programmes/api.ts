// /api/v1/programmes: the region's long programmes. The records are registry records, kept
// through the register form (/api/v1/succession-trajectories, /collaborations,
// /programme-activities).
import { api } from "../api/client";

export type Stage = "conversation" | "search" | "mentoring" | "transfer" | "done" | "stopped";

export interface Trajectory {
  id: number;
  version: number;
  practice_agb: string;
  stage: Stage;
  owner: string;
  conversation_on: string | null;
  conversation_outcome: string | null;
  search_route: string | null;
  successor_name: string | null;
  successor_signed: boolean;
  mentor_name: string | null;
  mentoring_started_on: string | null;
  mentoring_meetings: number;
  transfer_on: string | null;
  next_step: string | null;
  next_due: string | null;
  note: string | null;
}

export interface SuccessionRow {
  practice_id: number;
  practice_agb: string;
  practice_name: string;
  place: string;
  district_code: string;
  holders_60_plus: number;
  first_stop_year: number | null;
  stop_year_assumed: boolean;
  trajectory: Trajectory | null;
  running: boolean;
  overdue: boolean;
  takeovers: { id: number; number: string }[];
}

export interface StepPlanItem {
  stage: Stage;
  text: string;
  source: string | null;
  derived: string | null;
}

export interface SuccessionOverview {
  date: string;
  rows: SuccessionRow[];
  counts: { running: number; overdue: number; without_trajectory: number; successor_signed: number; done: number };
  stages: { code: Stage; label: string }[];
  step_plan: StepPlanItem[];
  mentoring: { months: number; meetings: number };
}

export interface Collaboration {
  id: number;
  version: number;
  practice_agb: string;
  mutual_backup: boolean;
  backup_partner_agb: string | null;
  his_access_shared: boolean;
  daytime_out_of_hours: boolean;
  neighbourhood_team: boolean;
  intention: string | null;
  discussed_on: string | null;
  note: string | null;
}

export interface CollaborationRow {
  practice_id: number;
  practice_agb: string;
  practice_name: string;
  district_code: string;
  form: string;
  backup: boolean;
  backup_by: string;
  collaboration: Collaboration | null;
}

export type ActivityStatus = "planned" | "running" | "done" | "dropped";

export interface ActivityRow {
  activity: string;
  label: string;
  phase: number;
  planned: string;
  status: ActivityStatus;
  record: { id: number; owner: string | null; due_on: string | null; done_on: string | null; note: string | null } | null;
}

export interface Figures {
  period: string;
  solo: number;
  solo_with_backup: number;
}

export interface CollaborationOverview {
  date: string;
  rows: CollaborationRow[];
  activities: ActivityRow[];
  phases: { phase: number; label: string; status: ActivityStatus; owners: string[] }[];
  now: Figures;
  per_year: Figures[];
  counts: { mutual_backup: number; his_access_shared: number; daytime_out_of_hours: number; neighbourhood_team: number };
  source: string;
}

export const programmesApi = {
  succession: () => api.get<SuccessionOverview>("/programmes/succession"),
  collaboration: () => api.get<CollaborationOverview>("/programmes/collaboration"),
  successionExport: (format: "csv" | "xlsx") => `/api/v1/programmes/succession/export?format=${format}`,
  collaborationExport: (format: "csv" | "xlsx") => `/api/v1/programmes/collaboration/export?format=${format}`,
  trajectoryOf: (agb: string) => api.get<{ items: Trajectory[] }>(`/succession-trajectories?practice_agb=${encodeURIComponent(agb)}`),
  collaborationOf: (agb: string) => api.get<{ items: Collaboration[] }>(`/collaborations?practice_agb=${encodeURIComponent(agb)}`),
};
