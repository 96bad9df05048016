#include "store/sql/sql_redistribution_repository.hpp"

#include "core/date.hpp"
#include "core/incident.hpp"
#include "store/sql/rows.hpp"

namespace vangnet::sql {

namespace {

Status Done(Connection& db, Statement& s) {
  if (s.Step() != kDone) return StoreError(db);
  return Ok{};
}

}  // namespace

Status SqlRedistributionRepository::ReplacePatients(
    std::int64_t incident_id, const std::string& practice_agb,
    const std::vector<RedistributionPatient>& patients) {
  Statement remove(db_,
                   "DELETE FROM redistribution_patient WHERE incident_id = ? AND practice_agb = ?");
  Bind(remove, incident_id, practice_agb);
  if (auto s = Done(db_, remove); !s) return s;
  const std::string now = FormatUtc(clock_.Now());
  Statement insert(db_,
                   "INSERT INTO redistribution_patient (incident_id, practice_agb, his_number, "
                   "household_key, postcode, house_number, birth_year, vulnerability, updated_at) "
                   "VALUES (?,?,?,?,?,?,?,?,?)");
  for (const auto& p : patients) {
    Bind(insert, incident_id, practice_agb, p.his_number, p.household_key, p.postcode,
         p.house_number, p.birth_year, p.vulnerability, now);
    if (auto s = Done(db_, insert); !s) return s;
  }
  return Ok{};
}

std::vector<RedistributionPatient> SqlRedistributionRepository::Patients(std::int64_t incident_id) {
  std::vector<RedistributionPatient> patients;
  Statement s(db_,
              "SELECT id, incident_id, practice_agb, his_number, household_key, postcode, "
              "house_number, birth_year, vulnerability, receiver_id, stage, consent, declined_by, "
              "updated_at FROM redistribution_patient WHERE incident_id = ? "
              "ORDER BY practice_agb, his_number");
  Bind(s, incident_id);
  while (s.Step() == kRow) {
    RedistributionPatient p;
    Row row(s);
    p.id = row.Int();
    p.incident_id = row.Int();
    p.practice_agb = row.Text();
    p.his_number = row.Text();
    p.household_key = row.Text();
    p.postcode = row.Text();
    p.house_number = row.Text();
    p.birth_year = row.Int32();
    p.vulnerability = row.Text();
    p.receiver_id = row.Text();
    p.stage = ParseEnum(PATIENT_STAGES, row.Text()).value_or(PatientStage::kUnplaced);
    p.consent = ParseEnum(DOSSIER_CONSENTS, row.Text()).value_or(DossierConsent::kPending);
    p.declined_by = row.Text();
    p.updated_at = row.Text();
    patients.push_back(std::move(p));
  }
  return patients;
}

Status SqlRedistributionRepository::UpdatePatient(const RedistributionPatient& p) {
  Statement s(db_,
              "UPDATE redistribution_patient SET receiver_id = ?, stage = ?, consent = ?, "
              "declined_by = ?, updated_at = ? WHERE id = ?");
  Bind(s, p.receiver_id, EnumCode(PATIENT_STAGES, p.stage), EnumCode(DOSSIER_CONSENTS, p.consent),
       p.declined_by, p.updated_at, p.id);
  return Done(db_, s);
}

Result<long long> SqlRedistributionRepository::PurgePatients(std::int64_t incident_id) {
  Statement s(db_, "DELETE FROM redistribution_patient WHERE incident_id = ?");
  Bind(s, incident_id);
  if (auto done = Done(db_, s); !done) return done.error();
  return static_cast<long long>(db_.Changes());
}

Status SqlRedistributionRepository::SetOffer(std::int64_t incident_id, const CapacityOffer& offer) {
  Statement s(
      db_,
      "INSERT INTO redistribution_offer (incident_id, practice_agb, capacity) VALUES (?,?,?) "
      "ON CONFLICT (incident_id, practice_agb) DO UPDATE SET capacity = excluded.capacity");
  Bind(s, incident_id, offer.practice_agb, offer.capacity);
  return Done(db_, s);
}

Status SqlRedistributionRepository::RemoveOffer(std::int64_t incident_id,
                                                const std::string& practice_agb) {
  Statement s(db_, "DELETE FROM redistribution_offer WHERE incident_id = ? AND practice_agb = ?");
  Bind(s, incident_id, practice_agb);
  return Done(db_, s);
}

std::vector<CapacityOffer> SqlRedistributionRepository::Offers(std::int64_t incident_id) {
  std::vector<CapacityOffer> offers;
  Statement s(db_,
              "SELECT practice_agb, capacity FROM redistribution_offer WHERE incident_id = ? "
              "ORDER BY practice_agb");
  Bind(s, incident_id);
  while (s.Step() == kRow) offers.push_back({s.Text(0), s.Int(1)});
  return offers;
}

Result<TemporarySite> SqlRedistributionRepository::AddSite(std::int64_t incident_id,
                                                           const TemporarySite& site) {
  Statement s(db_,
              "INSERT INTO redistribution_site (incident_id, kind, name, latitude, longitude, "
              "capacity, practice_agb) VALUES (?,?,?,?,?,?,?) RETURNING id");
  Bind(s, incident_id, site.kind, site.name, site.latitude, site.longitude, site.capacity,
       site.practice_agb);
  if (s.Step() != kRow) return StoreError(db_);
  TemporarySite stored = site;
  stored.id = s.Int(0);
  return stored;
}

Status SqlRedistributionRepository::RemoveSite(std::int64_t incident_id, std::int64_t site_id) {
  Statement s(db_, "DELETE FROM redistribution_site WHERE incident_id = ? AND id = ?");
  Bind(s, incident_id, site_id);
  if (auto done = Done(db_, s); !done) return done;
  if (db_.Changes() == 0) return Error::NotFound("site", "Deze tijdelijke plek bestaat niet.");
  return Ok{};
}

std::vector<TemporarySite> SqlRedistributionRepository::Sites(std::int64_t incident_id) {
  std::vector<TemporarySite> sites;
  Statement s(db_,
              "SELECT id, kind, name, latitude, longitude, capacity, practice_agb FROM "
              "redistribution_site WHERE incident_id = ? ORDER BY id");
  Bind(s, incident_id);
  while (s.Step() == kRow) {
    sites.push_back(
        {s.Int(0), s.Text(1), s.Text(2), s.Double(3), s.Double(4), s.Int(5), s.Text(6)});
  }
  return sites;
}

Status SqlRedistributionRepository::SavePlan(std::int64_t incident_id, const StoredPlan& plan) {
  Statement s(db_,
              "INSERT INTO redistribution_plan (incident_id, parameters, summary, planned_at, "
              "planned_by) VALUES (?,?,?,?,?) ON CONFLICT (incident_id) DO UPDATE SET "
              "parameters = excluded.parameters, summary = excluded.summary, "
              "planned_at = excluded.planned_at, planned_by = excluded.planned_by");
  Bind(s, incident_id, plan.parameters, plan.summary, plan.planned_at, plan.planned_by);
  return Done(db_, s);
}

std::optional<StoredPlan> SqlRedistributionRepository::FindPlan(std::int64_t incident_id) {
  Statement s(db_,
              "SELECT parameters, summary, planned_at, planned_by FROM redistribution_plan WHERE "
              "incident_id = ?");
  Bind(s, incident_id);
  if (s.Step() != kRow) return std::nullopt;
  return StoredPlan{s.Text(0), s.Text(1), s.Text(2), s.Text(3)};
}

}  // namespace vangnet::sql
