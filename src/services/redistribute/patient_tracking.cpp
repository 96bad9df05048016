// The redistribution's patient rows: reading them (audited), the receivers' decisions, each
// patient's way through informed - registered - dossier consent - transferred, letters, the
// export before the purge, and the purge.
#include <algorithm>
#include <map>
#include <set>

#include "io/csv.hpp"
#include "io/patient_list_csv.hpp"
#include "services/redistribute/redistribution_planning.hpp"
#include "services/redistribute/redistribution_service.hpp"

namespace vangnet {

using nlohmann::json;
using namespace redistribution;
Result<std::vector<RedistributionPatient>> RedistributionService::Patients(
    const Caller& caller, std::int64_t incident_id, const std::string& receiver_id) {
  bool own = caller.role == UserRole::kPracticeUser && !receiver_id.empty() &&
             caller.HasPractice(receiver_id);
  if (!caller.IsRho() && !own)
    return Forbidden("u ziet alleen de patiënten die uw praktijk opvangt");
  auto work = OpenIncidentWork(store_, caller, incident_id, Work::kAuditedRead);
  if (!work) return work.error();
  UnitOfWork& uow = *work.value().uow;
  auto patients = uow.Redistribution().Patients(incident_id);
  if (!receiver_id.empty()) {
    std::erase_if(patients,
                  [&](const RedistributionPatient& p) { return p.receiver_id != receiver_id; });
  }
  if (auto s = Audit(uow, "read", incident_id, receiver_id.empty() ? "alle" : receiver_id,
                     {{"patients", patients.size()}});
      !s) {
    return s.error();
  }
  if (auto s = uow.Commit(); !s) return s.error();
  return patients;
}

Result<std::vector<RedistributionPatient>> RedistributionService::VulnerablePatients(
    const Caller& caller, std::int64_t incident_id, const std::string& practice_agb) {
  const bool own = caller.role == UserRole::kPracticeUser && caller.HasPractice(practice_agb);
  if (!caller.IsRho() && !own)
    return Forbidden("u ziet alleen de kwetsbare patiënten van uw eigen praktijk");
  auto work = OpenIncidentWork(store_, caller, incident_id, Work::kAuditedRead);
  if (!work) return work.error();
  UnitOfWork& uow = *work.value().uow;
  Incident& incident = work.value().incident;
  if (!Closed(incident, practice_agb)) {
    return Error::NotFound("practice_agb", "Deze praktijk is niet getroffen door dit incident.");
  }
  auto patients = uow.Redistribution().Patients(incident_id);
  std::erase_if(patients, [&](const RedistributionPatient& p) {
    return p.practice_agb != practice_agb || p.vulnerability == "none";
  });
  if (auto s = Audit(uow, "read", incident_id, practice_agb,
                     {{"patients", patients.size()}, {"list", "vulnerable"}});
      !s) {
    return s.error();
  }
  if (auto s = uow.Commit(); !s) return s.error();
  return patients;
}

Status RedistributionService::Decide(const Caller& caller, std::int64_t incident_id,
                                     const HouseholdDecision& decision) {
  auto work = OpenIncidentWork(store_, caller, incident_id, Work::kChange);
  if (!work) return work.error();
  UnitOfWork& uow = *work.value().uow;
  auto& repo = uow.Redistribution();
  std::vector<RedistributionPatient> members;
  for (auto& p : repo.Patients(incident_id)) {
    if (p.practice_agb == decision.practice_agb && p.household_key == decision.household_key)
      members.push_back(p);
  }
  if (members.empty())
    return Error::NotFound("household_key", "Dit huishouden bestaat niet in dit incident.");
  const std::string receiver = members.front().receiver_id;
  bool own = caller.role == UserRole::kPracticeUser && caller.HasPractice(receiver);
  if (!caller.IsRho() && !own)
    return Forbidden("alleen de voorgestelde praktijk beslist over dit voorstel");
  const std::string now = FormatUtc(store_.clock().Now());
  for (auto& p : members) {
    if (p.stage != PatientStage::kProposed) {
      return Error::Conflict("stage", "Over dit voorstel is al beslist.");
    }
    p.stage = decision.accept ? PatientStage::kAccepted : PatientStage::kUnplaced;
    if (!decision.accept) {
      p.declined_by += (p.declined_by.empty() ? "" : ";") + receiver;
      p.receiver_id.clear();
    }
    p.updated_at = now;
    if (auto s = repo.UpdatePatient(p); !s) return s;
  }
  if (auto s = Audit(uow, decision.accept ? "accept" : "decline", incident_id,
                     decision.practice_agb + "/" + decision.household_key,
                     {{"receiver", receiver}, {"patients", members.size()}});
      !s) {
    return s;
  }
  return uow.Commit();
}

Status RedistributionService::Advance(const Caller& caller, std::int64_t incident_id,
                                      const std::vector<std::int64_t>& ids, PatientStage to) {
  auto work = OpenIncidentWork(store_, caller, incident_id, Work::kChange);
  if (!work) return work.error();
  UnitOfWork& uow = *work.value().uow;
  auto& repo = uow.Redistribution();
  auto patients = repo.Patients(incident_id);
  const std::string now = FormatUtc(store_.clock().Now());
  for (std::int64_t id : ids) {
    auto it = FindPatientToUpdate(caller, patients, id);
    if (!it) return it.error();
    RedistributionPatient& patient = *it.value();
    if (auto s = CheckStageChange(patient.stage, to, patient.consent); !s) {
      Error e = s.error();
      e.message = "Patiënt " + patient.his_number + ": " + e.message;
      return e;
    }
    patient.stage = to;
    patient.updated_at = now;
    if (auto s = repo.UpdatePatient(patient); !s) return s;
    if (auto s = Audit(uow, "update", incident_id, patient.practice_agb + "/" + patient.his_number,
                       {{"stage", EnumCode(PATIENT_STAGES, to)}});
        !s) {
      return s;
    }
  }
  return uow.Commit();
}

Status RedistributionService::RecordConsent(const Caller& caller, std::int64_t incident_id,
                                            std::int64_t patient_id, DossierConsent consent) {
  auto work = OpenIncidentWork(store_, caller, incident_id, Work::kChange);
  if (!work) return work.error();
  UnitOfWork& uow = *work.value().uow;
  auto& repo = uow.Redistribution();
  auto patients = repo.Patients(incident_id);
  auto found = FindPatientToUpdate(caller, patients, patient_id);
  if (!found) return found.error();
  RedistributionPatient* it = found.value();
  if (auto s = CheckConsentChange(it->stage); !s) return s;
  it->consent = consent;
  it->updated_at = FormatUtc(store_.clock().Now());
  if (auto s = repo.UpdatePatient(*it); !s) return s;
  if (auto s = Audit(uow, "update", incident_id, it->practice_agb + "/" + it->his_number,
                     {{"consent", EnumCode(DOSSIER_CONSENTS, consent)}});
      !s) {
    return s;
  }
  return uow.Commit();
}

Result<Table> RedistributionService::Letters(const Caller& caller, std::int64_t incident_id,
                                             const std::string& receiver_id) {
  auto patients = Patients(caller, incident_id, receiver_id);
  if (!patients) return patients.error();
  std::string receiver_name = receiver_id;
  {
    auto uow = store_.BeginRead(caller.actor);
    if (!uow) return uow.error();
    if (auto p = FindPractice(*uow.value(), receiver_id)) receiver_name = p->name;
  }
  std::map<std::string, std::vector<const RedistributionPatient*>> by_household;
  for (const auto& p : patients.value()) by_household[HouseholdId(p)].push_back(&p);
  std::vector<std::vector<std::string>> rows;
  for (const auto& [id, members] : by_household) {
    std::string numbers;
    for (const auto* p : members) numbers += (numbers.empty() ? "" : ";") + p->his_number;
    const auto* first = members.front();
    // The letter in our own words; «naam» and «adres» are filled in by the HIS mail merge, so
    // names and addresses never pass through vangnet.
    std::string letter =
        "Beste «naam»,\n\nUw huisartsenpraktijk kan u helaas niet langer zorg bieden. Om ervoor te "
        "zorgen dat u een huisarts houdt, stellen wij voor dat u " +
        std::string(members.size() == 1 ? "zich" : "zich met uw gezin") + " inschrijft bij " +
        receiver_name +
        ". U hoeft daarvoor alleen het inschrijfformulier in te vullen.\n\nUw medisch dossier "
        "gaat pas naar de nieuwe praktijk als u daarvoor toestemming geeft; u kunt ook bezwaar "
        "maken. U mag altijd zelf een andere huisarts kiezen.\n\nMet vriendelijke groet,\n"
        "De regionale huisartsenorganisatie";
    rows.push_back({receiver_id, receiver_name, first->practice_agb, first->household_key, numbers,
                    first->postcode, first->house_number, std::to_string(members.size()),
                    std::string(EnumLabel(PATIENT_STAGES, first->stage)), letter});
  }
  return Table{"brieven " + receiver_id,
               {{"receiver_agb"},
                {"receiver_name"},
                {"closed_practice_agb"},
                {"household_key"},
                {"his_patient_numbers"},
                {"postcode"},
                {"house_number"},
                {"patients", CellType::kInteger},
                {"stage"},
                {"letter"}},
               {},
               std::move(rows)};
}

Result<Table> RedistributionService::Export(const Caller& caller, std::int64_t incident_id) {
  if (!caller.IsRho()) return Forbidden("alleen de RHO exporteert de opvang");
  auto patients = Patients(caller, incident_id);
  if (!patients) return patients.error();
  std::vector<std::vector<std::string>> rows;
  for (const auto& p : patients.value()) {
    rows.push_back({p.practice_agb, p.his_number, p.household_key, p.postcode, p.receiver_id,
                    std::string(EnumCode(PATIENT_STAGES, p.stage)),
                    std::string(EnumCode(DOSSIER_CONSENTS, p.consent)), p.updated_at});
  }
  return Table{"opvang",
               {{"closed_practice_agb"},
                {"his_patient_number"},
                {"household_key"},
                {"postcode"},
                {"receiver_id"},
                {"stage"},
                {"consent"},
                {"updated_at"}},
               {},
               std::move(rows)};
}

Result<long long> RedistributionService::Purge(const Caller& caller, std::int64_t incident_id,
                                               bool export_confirmed) {
  if (!caller.IsRho()) return Forbidden("alleen de RHO verwijdert patiëntgegevens");
  if (!export_confirmed) {
    return Error::Validation("export_confirmed", "Bevestig eerst dat de export is opgeslagen.");
  }
  auto work = OpenIncidentWork(store_, caller, incident_id, Work::kAuditedRead);
  if (!work) return work.error();
  UnitOfWork& uow = *work.value().uow;
  auto purged = uow.Redistribution().PurgePatients(incident_id);
  if (!purged) return purged.error();
  if (auto s = uow.Redistribution().SavePlan(
          incident_id, {"{}", "{}", FormatUtc(store_.clock().Now()), caller.actor.user});
      !s) {
    return s.error();
  }
  if (auto s = Audit(uow, "delete", incident_id, "alle", {{"patients_deleted", purged.value()}});
      !s) {
    return s.error();
  }
  if (auto s = uow.Commit(); !s) return s.error();
  return purged;
}

}  // namespace vangnet
