#include "store/sqlite/sqlite_redistribution_repository.hpp"

#include "core/date.hpp"
#include "core/incident.hpp"

namespace vangnet::sqlite {

namespace {

Status Done(sqlite3* db, Statement& s) {
  if (s.Step() != SQLITE_DONE) return StoreError(db);
  return Ok{};
}

}  // namespace

Status SqliteRedistributionRepository::ReplacePatients(
    std::int64_t incident_id, const std::string& practice_agb,
    const std::vector<RedistributionPatient>& patients) {
  Statement remove(db_,
                   "DELETE FROM redistribution_patient WHERE incident_id = ? AND practice_agb = ?");
  remove.BindInt(1, incident_id);
  remove.BindText(2, practice_agb);
  if (auto s = Done(db_, remove); !s) return s;
  const std::string now = FormatUtc(clock_.Now());
  Statement insert(db_,
                   "INSERT INTO redistribution_patient (incident_id, practice_agb, his_number, "
                   "household_key, postcode, house_number, birth_year, vulnerability, updated_at) "
                   "VALUES (?,?,?,?,?,?,?,?,?)");
  for (const auto& p : patients) {
    insert.BindInt(1, incident_id);
    insert.BindText(2, practice_agb);
    insert.BindText(3, p.his_number);
    insert.BindText(4, p.household_key);
    insert.BindText(5, p.postcode);
    insert.BindText(6, p.house_number);
    insert.BindInt(7, p.birth_year);
    insert.BindText(8, p.vulnerability);
    insert.BindText(9, now);
    if (auto s = Done(db_, insert); !s) return s;
  }
  return Ok{};
}

std::vector<RedistributionPatient> SqliteRedistributionRepository::Patients(
    std::int64_t incident_id) {
  std::vector<RedistributionPatient> patients;
  Statement s(db_,
              "SELECT id, incident_id, practice_agb, his_number, household_key, postcode, "
              "house_number, birth_year, vulnerability, receiver_id, stage, consent, declined_by, "
              "updated_at FROM redistribution_patient WHERE incident_id = ? "
              "ORDER BY practice_agb, his_number");
  s.BindInt(1, incident_id);
  while (s.Step() == SQLITE_ROW) {
    RedistributionPatient p;
    p.id = s.Int(0);
    p.incident_id = s.Int(1);
    p.practice_agb = s.Text(2);
    p.his_number = s.Text(3);
    p.household_key = s.Text(4);
    p.postcode = s.Text(5);
    p.house_number = s.Text(6);
    p.birth_year = static_cast<int>(s.Int(7));
    p.vulnerability = s.Text(8);
    p.receiver_id = s.Text(9);
    p.stage = ParseEnum(PATIENT_STAGES, s.Text(10)).value_or(PatientStage::kUnplaced);
    p.consent = ParseEnum(DOSSIER_CONSENTS, s.Text(11)).value_or(DossierConsent::kPending);
    p.declined_by = s.Text(12);
    p.updated_at = s.Text(13);
    patients.push_back(std::move(p));
  }
  return patients;
}

Status SqliteRedistributionRepository::UpdatePatient(const RedistributionPatient& p) {
  Statement s(db_,
              "UPDATE redistribution_patient SET receiver_id = ?, stage = ?, consent = ?, "
              "declined_by = ?, updated_at = ? WHERE id = ?");
  s.BindText(1, p.receiver_id);
  s.BindText(2, EnumCode(PATIENT_STAGES, p.stage));
  s.BindText(3, EnumCode(DOSSIER_CONSENTS, p.consent));
  s.BindText(4, p.declined_by);
  s.BindText(5, p.updated_at);
  s.BindInt(6, p.id);
  return Done(db_, s);
}

Result<long long> SqliteRedistributionRepository::PurgePatients(std::int64_t incident_id) {
  Statement s(db_, "DELETE FROM redistribution_patient WHERE incident_id = ?");
  s.BindInt(1, incident_id);
  if (auto done = Done(db_, s); !done) return done.error();
  return static_cast<long long>(sqlite3_changes(db_));
}

Status SqliteRedistributionRepository::SetOffer(std::int64_t incident_id,
                                                const CapacityOffer& offer) {
  Statement s(
      db_,
      "INSERT INTO redistribution_offer (incident_id, practice_agb, capacity) VALUES (?,?,?) "
      "ON CONFLICT (incident_id, practice_agb) DO UPDATE SET capacity = excluded.capacity");
  s.BindInt(1, incident_id);
  s.BindText(2, offer.practice_agb);
  s.BindInt(3, offer.capacity);
  return Done(db_, s);
}

Status SqliteRedistributionRepository::RemoveOffer(std::int64_t incident_id,
                                                   const std::string& practice_agb) {
  Statement s(db_, "DELETE FROM redistribution_offer WHERE incident_id = ? AND practice_agb = ?");
  s.BindInt(1, incident_id);
  s.BindText(2, practice_agb);
  return Done(db_, s);
}

std::vector<CapacityOffer> SqliteRedistributionRepository::Offers(std::int64_t incident_id) {
  std::vector<CapacityOffer> offers;
  Statement s(db_,
              "SELECT practice_agb, capacity FROM redistribution_offer WHERE incident_id = ? "
              "ORDER BY practice_agb");
  s.BindInt(1, incident_id);
  while (s.Step() == SQLITE_ROW) offers.push_back({s.Text(0), s.Int(1)});
  return offers;
}

Result<TemporarySite> SqliteRedistributionRepository::AddSite(std::int64_t incident_id,
                                                              const TemporarySite& site) {
  Statement s(db_,
              "INSERT INTO redistribution_site (incident_id, kind, name, latitude, longitude, "
              "capacity, practice_agb) VALUES (?,?,?,?,?,?,?)");
  s.BindInt(1, incident_id);
  s.BindText(2, site.kind);
  s.BindText(3, site.name);
  s.BindDouble(4, site.latitude);
  s.BindDouble(5, site.longitude);
  s.BindInt(6, site.capacity);
  s.BindText(7, site.practice_agb);
  if (auto done = Done(db_, s); !done) return done.error();
  TemporarySite stored = site;
  stored.id = sqlite3_last_insert_rowid(db_);
  return stored;
}

Status SqliteRedistributionRepository::RemoveSite(std::int64_t incident_id, std::int64_t site_id) {
  Statement s(db_, "DELETE FROM redistribution_site WHERE incident_id = ? AND id = ?");
  s.BindInt(1, incident_id);
  s.BindInt(2, site_id);
  if (auto done = Done(db_, s); !done) return done;
  if (sqlite3_changes(db_) == 0)
    return Error::NotFound("site", "Deze tijdelijke plek bestaat niet.");
  return Ok{};
}

std::vector<TemporarySite> SqliteRedistributionRepository::Sites(std::int64_t incident_id) {
  std::vector<TemporarySite> sites;
  Statement s(db_,
              "SELECT id, kind, name, latitude, longitude, capacity, practice_agb FROM "
              "redistribution_site WHERE incident_id = ? ORDER BY id");
  s.BindInt(1, incident_id);
  while (s.Step() == SQLITE_ROW) {
    sites.push_back(
        {s.Int(0), s.Text(1), s.Text(2), s.Double(3), s.Double(4), s.Int(5), s.Text(6)});
  }
  return sites;
}

Status SqliteRedistributionRepository::SavePlan(std::int64_t incident_id, const StoredPlan& plan) {
  Statement s(db_,
              "INSERT INTO redistribution_plan (incident_id, parameters, summary, planned_at, "
              "planned_by) VALUES (?,?,?,?,?) ON CONFLICT (incident_id) DO UPDATE SET "
              "parameters = excluded.parameters, summary = excluded.summary, "
              "planned_at = excluded.planned_at, planned_by = excluded.planned_by");
  s.BindInt(1, incident_id);
  s.BindText(2, plan.parameters);
  s.BindText(3, plan.summary);
  s.BindText(4, plan.planned_at);
  s.BindText(5, plan.planned_by);
  return Done(db_, s);
}

std::optional<StoredPlan> SqliteRedistributionRepository::FindPlan(std::int64_t incident_id) {
  Statement s(db_,
              "SELECT parameters, summary, planned_at, planned_by FROM redistribution_plan WHERE "
              "incident_id = ?");
  s.BindInt(1, incident_id);
  if (s.Step() != SQLITE_ROW) return std::nullopt;
  return StoredPlan{s.Text(0), s.Text(1), s.Text(2), s.Text(3)};
}

}  // namespace vangnet::sqlite
