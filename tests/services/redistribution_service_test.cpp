// Redistribution within an incident on the demo region: the holder of a practice dies, its list
// is loaded, the plan places the households, a receiving practice sees only its own patients and
// accepts or declines, patients move through the funnel, consent is never presumed, and the
// patient data is gone before the incident can close.
#include "services/redistribute/redistribution_service.hpp"

#include <gtest/gtest.h>

#include <map>
#include <set>
#include <thread>

#include <algorithm>

#include "http/json/redistribution_json.hpp"
#include "io/csv.hpp"
#include "services/incident/incident_service.hpp"
#include "services/playbook/playbook_catalog.hpp"
#include "test_support/registry_fixture.hpp"

namespace vangnet {
namespace {

// The overview as the opvang page receives it.
nlohmann::json AsJson(const Result<RedistributionOverview>& overview) {
  return RedistributionOverviewJson(overview.value());
}

class RedistributionServiceTest : public ::testing::Test {
 protected:
  void SetUp() override {
    store_ = OpenTestStore(dir_.Path("opvang.db"));
    ASSERT_TRUE(SaveRegistryRecords(*store_, kTestActor, BuildDemoRegion({})));
    auto catalog = PlaybookCatalog::Load();
    ASSERT_TRUE(catalog);
    catalog_ = std::make_unique<PlaybookCatalog>(std::move(catalog.value()));
    incidents_ = std::make_unique<IncidentService>(*store_, *catalog_);
    auto incident =
        incidents_->Start(Coordinator(), {"holder-permanently-out", {kClosed}, false, {}, ""});
    ASSERT_TRUE(incident) << incident.error().ToString();
    incident_id_ = incident.value().id;
    service_ = std::make_unique<RedistributionService>(*store_);
  }
  static Caller Coordinator() {
    return Caller{{"coordinator", "coordinator", "test", "opvang"}, UserRole::kCoordinator, {}};
  }
  static Caller Practice(const std::string& agb) {
    return Caller{{"praktijk", "practice_user", "test", "opvang"}, UserRole::kPracticeUser, {agb}};
  }
  std::vector<RedistributionPatient> All() {
    return service_->Patients(Coordinator(), incident_id_).value();
  }

  static constexpr const char* kClosed = "01051037";
  // The incident's version as the board would show it now.
  std::int64_t IncidentVersion() {
    return incidents_->Get(Coordinator(), incident_id_).value().version;
  }

  TempDir dir_;
  std::unique_ptr<Store> store_;
  std::unique_ptr<PlaybookCatalog> catalog_;
  std::unique_ptr<IncidentService> incidents_;
  std::unique_ptr<RedistributionService> service_;
  std::int64_t incident_id_ = 0;
};

TEST_F(RedistributionServiceTest, ABadPatientListIsRefusedWholeWithRowAndField) {
  std::string csv =
      "his_patient_number,household_key,postcode,birth_year,palliative\n"
      "1,A,6211,1950,nee\n"
      "2,A,62x1,1952,nee\n"
      "3,B,6212,2090,misschien\n";
  auto result = service_->ImportPatients(Coordinator(), incident_id_, kClosed, csv, "his.csv");
  ASSERT_FALSE(result);
  std::string all = result.error().ToString();
  for (const auto& more : result.error().more) all += "\n" + more.ToString();
  EXPECT_NE(all.find("his.csv, regel 3, kolom postcode"), std::string::npos) << all;
  EXPECT_NE(all.find("regel 4, kolom birth_year"), std::string::npos) << all;
  EXPECT_NE(all.find("regel 4, kolom palliative"), std::string::npos) << all;
  EXPECT_TRUE(All().empty()) << "nothing half-written";
  // A name column is refused outright: names stay in the HIS.
  auto named = service_->ImportPatients(
      Coordinator(), incident_id_, kClosed,
      "his_patient_number,household_key,postcode,birth_year,naam\n1,A,6211,1950,Jan\n", "his.csv");
  ASSERT_FALSE(named);
  EXPECT_EQ(named.error().field, "naam");
}

// An HIS export as FHIR: nl-core Patients with everything an HIS knows. What vangnet keeps is the
// CSV list's fields; no name, BSN, phone number or full birth date reaches the database or an
// answer, also not when the list is refused.
TEST_F(RedistributionServiceTest, AFhirPatientBundleKeepsOnlyTheMinimalFields) {
  const auto patient = [](const std::string& id, const std::string& his, const std::string& family,
                          const std::string& bsn, const std::string& phone,
                          const std::string& birth, const std::string& line) {
    return nlohmann::json{
        {"fullUrl", "urn:uuid:" + id},
        {"resource",
         {{"resourceType", "Patient"},
          {"id", id},
          {"meta", {{"profile", {"http://nictiz.nl/fhir/StructureDefinition/nl-core-Patient"}}}},
          {"identifier",
           {{{"system", "http://fhir.nl/fhir/NamingSystem/bsn"}, {"value", bsn}},
            {{"system", "urn:oid:2.16.840.1.113883.2.4.6.3.99"}, {"value", his}}}},
          {"name", {{{"family", family}, {"given", {"Geertruida"}}}}},
          {"telecom", {{{"system", "phone"}, {"value", phone}}}},
          {"gender", "female"},
          {"birthDate", birth},
          {"address",
           {{{"use", "home"},
             {"line", {line}},
             {"city", "Maastricht"},
             {"postalCode", "6211 AB"}}}}}}};
  };
  nlohmann::json bundle = {
      {"resourceType", "Bundle"},
      {"type", "collection"},
      {"entry",
       {patient("a", "P-1", "Geheimnaam", "999911120", "0611111111", "1941-03-05",
                "Heerstraat 12b"),
        patient("b", "P-2", "Geheimnaam", "999911132", "0622222222", "1943-07-09",
                "Heerstraat 12b"),
        patient("c", "P-3", "Verborgenhuis", "999911144", "0633333333", "1950-01-02", "Markt 3"),
        {{"resource",
          {{"resourceType", "Flag"},
           {"status", "active"},
           {"subject", {{"reference", "Patient/c"}}},
           {"code",
            {{"coding", {{{"system", "http://snomed.info/sct"}, {"code", "103735009"}}}}}}}}}}}};
  const std::vector<std::string> secrets{"Geheimnaam", "Verborgenhuis", "Geertruida",
                                         "999911120",  "0611111111",    "1941-03-05"};
  const auto leaks = [&](const std::string& text) {
    std::string found;
    for (const auto& s : secrets) {
      if (text.find(s) != std::string::npos) found += s + " ";
    }
    return found;
  };
  // Refused first (one birth date missing): the refusal names the element, not the person.
  nlohmann::json broken = bundle;
  broken["entry"][2]["resource"].erase("birthDate");
  auto refused =
      service_->ImportPatients(Coordinator(), incident_id_, kClosed, broken.dump(), "his.json");
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error().field, "entry[2].resource.birthDate");
  EXPECT_EQ(leaks(refused.error().ToString()), "");
  EXPECT_TRUE(All().empty());

  auto loaded =
      service_->ImportPatients(Coordinator(), incident_id_, kClosed, bundle.dump(), "his.json");
  ASSERT_TRUE(loaded) << loaded.error().ToString();
  auto patients = All();
  ASSERT_EQ(patients.size(), 3u);
  std::map<std::string, RedistributionPatient> by_number;
  for (const auto& p : patients) by_number[p.his_number] = p;
  EXPECT_EQ(by_number.at("P-1").postcode, "6211");
  EXPECT_EQ(by_number.at("P-1").house_number, "12 b");
  EXPECT_EQ(by_number.at("P-1").birth_year, 1941);
  EXPECT_EQ(by_number.at("P-1").household_key, by_number.at("P-2").household_key);
  EXPECT_NE(by_number.at("P-1").household_key, by_number.at("P-3").household_key);
  EXPECT_EQ(by_number.at("P-3").vulnerability, "palliative");
  EXPECT_EQ(by_number.at("P-1").vulnerability, "none");
  // Nothing of the rest in what the page gets, nor anywhere in the database files.
  auto overview = service_->Overview(Coordinator(), incident_id_);
  ASSERT_TRUE(overview);
  EXPECT_EQ(leaks(AsJson(overview).dump()), "");
  for (const auto& file : std::filesystem::directory_iterator(dir_.Path())) {
    EXPECT_EQ(leaks(ReadFile(file.path())), "") << file.path();
  }
}

TEST_F(RedistributionServiceTest, APlanPlacesTheDemoListAndAReceiverSeesOnlyItsOwn) {
  auto generated = service_->GenerateDemoPatients(Coordinator(), incident_id_, kClosed);
  ASSERT_TRUE(generated) << generated.error().ToString();
  EXPECT_GT(generated.value(), 1000);
  auto overview = service_->Plan(Coordinator(), incident_id_, {});
  ASSERT_TRUE(overview) << overview.error().ToString();
  const nlohmann::json shown = AsJson(overview);
  const auto& plan = shown["plan"];
  EXPECT_EQ(plan["outcome"], "all_placed") << plan["explanation"].dump();
  EXPECT_EQ(shown["funnel"]["proposed"], generated.value());

  // The receiving practice with the most households sees its own patients only, and accepts.
  std::string receiver;
  long long most = 0;
  for (const auto& r : shown["receivers"]) {
    if (r["placed_patients"].get<long long>() > most)
      most = r["placed_patients"], receiver = r["id"];
  }
  ASSERT_FALSE(receiver.empty());
  auto own = service_->Patients(Practice(receiver), incident_id_, receiver);
  ASSERT_TRUE(own);
  EXPECT_EQ(static_cast<long long>(own.value().size()), most);
  EXPECT_EQ(service_->Patients(Practice(receiver), incident_id_).error().kind,
            ErrorKind::kForbidden);
  EXPECT_EQ(service_->Patients(Practice(receiver), incident_id_, "01000000").error().kind,
            ErrorKind::kForbidden);
  const auto first = own.value().front();
  ASSERT_TRUE(service_->Decide(Practice(receiver), incident_id_,
                               {first.practice_agb, first.household_key, true}));
  EXPECT_EQ(service_
                ->Decide(Practice(receiver), incident_id_,
                         {first.practice_agb, first.household_key, true})
                .error()
                .kind,
            ErrorKind::kConflict);

  // Another household declined: the re-plan keeps the accepted one and skips the decliner.
  const auto second = *std::find_if(own.value().begin(), own.value().end(), [&](const auto& p) {
    return p.household_key != first.household_key;
  });
  ASSERT_TRUE(service_->Decide(Practice(receiver), incident_id_,
                               {second.practice_agb, second.household_key, false}));
  ASSERT_TRUE(service_->Plan(Coordinator(), incident_id_, {}));
  for (const auto& p : All()) {
    if (p.household_key == first.household_key) {
      EXPECT_EQ(p.stage, PatientStage::kAccepted);
      EXPECT_EQ(p.receiver_id, receiver);
    }
    if (p.household_key == second.household_key) {
      EXPECT_NE(p.receiver_id, receiver);
      EXPECT_EQ(p.stage, PatientStage::kProposed);
    }
  }
}

TEST_F(RedistributionServiceTest, TheDossierMovesOnlyWithConsentAndDataIsPurgedBeforeClosing) {
  ASSERT_TRUE(service_->GenerateDemoPatients(Coordinator(), incident_id_, kClosed));
  ASSERT_TRUE(service_->Plan(Coordinator(), incident_id_, {}));
  auto patient = All().front();
  ASSERT_TRUE(service_->Decide(Coordinator(), incident_id_,
                               {patient.practice_agb, patient.household_key, true}));
  // Consent cannot be recorded before the patient is informed.
  EXPECT_FALSE(
      service_->RecordConsent(Coordinator(), incident_id_, patient.id, DossierConsent::kGiven));
  ASSERT_TRUE(
      service_->Advance(Coordinator(), incident_id_, {patient.id}, PatientStage::kInformed));
  ASSERT_TRUE(
      service_->Advance(Coordinator(), incident_id_, {patient.id}, PatientStage::kRegistered));
  auto refused =
      service_->Advance(Coordinator(), incident_id_, {patient.id}, PatientStage::kTransferred);
  ASSERT_FALSE(refused);
  EXPECT_NE(refused.error().message.find("nooit verondersteld"), std::string::npos);
  ASSERT_TRUE(
      service_->RecordConsent(Coordinator(), incident_id_, patient.id, DossierConsent::kGiven));
  ASSERT_TRUE(
      service_->Advance(Coordinator(), incident_id_, {patient.id}, PatientStage::kTransferred));

  auto letters = service_->Letters(Coordinator(), incident_id_, patient.receiver_id);
  ASSERT_TRUE(letters);
  EXPECT_NE(WriteCsv(letters.value()).find("«naam»"), std::string::npos);

  auto close = incidents_->ChangeStatus(Coordinator(), incident_id_, IncidentVersion(),
                                        IncidentStatus::kClosed, "afgerond");
  ASSERT_FALSE(close);
  EXPECT_EQ(close.error().kind, ErrorKind::kConflict);
  ASSERT_TRUE(service_->Export(Coordinator(), incident_id_));
  EXPECT_FALSE(service_->Purge(Coordinator(), incident_id_, false));
  auto purged = service_->Purge(Coordinator(), incident_id_, true);
  ASSERT_TRUE(purged);
  EXPECT_GT(purged.value(), 1000);
  EXPECT_TRUE(All().empty());
  EXPECT_TRUE(incidents_->ChangeStatus(Coordinator(), incident_id_, IncidentVersion(),
                                       IncidentStatus::kClosed, "afgerond"));
}

TEST_F(RedistributionServiceTest, TheInsurerSeesFiguresButNoPatientRows) {
  ASSERT_TRUE(service_->GenerateDemoPatients(Coordinator(), incident_id_, kClosed));
  ASSERT_TRUE(service_->Plan(Coordinator(), incident_id_, {}));
  Caller insurer{{"zv", "insurer_liaison", "test", "opvang"}, UserRole::kInsurerLiaison, {}};
  auto overview = service_->Overview(insurer, incident_id_);
  ASSERT_TRUE(overview);
  EXPECT_FALSE(AsJson(overview)["plan"].contains("unplaced"));
  EXPECT_EQ(service_->Patients(insurer, incident_id_).error().kind, ErrorKind::kForbidden);
  // Who planned is a person: the insurer reads that the RHO did; the coordinator sees who.
  EXPECT_EQ(AsJson(overview)["plan"]["planned_by"], "RHO");
  EXPECT_EQ(AsJson(service_->Overview(Coordinator(), incident_id_))["plan"]["planned_by"],
            "coordinator");
}

// Issue 36: a flood closes several practices in one night. Re-planning the first incident sent
// 114 patients to a practice a second incident had closed, and two plans promised the same free
// places. With three incidents open, no receiver gets more than its free places over all plans
// together, and no closed practice receives anyone.
TEST_F(RedistributionServiceTest, ThreeOpenIncidentsShareOneCapacityAndSendNobodyToAClosedPractice) {
  ASSERT_TRUE(service_->GenerateDemoPatients(Coordinator(), incident_id_, kClosed));
  auto first = service_->Plan(Coordinator(), incident_id_, {});
  ASSERT_TRUE(first) << first.error().ToString();
  // The two receivers that took most of the first incident's patients close next.
  std::vector<std::pair<long long, std::string>> busiest;
  for (const auto& r : first.value().receivers) {
    if (r.receiver.kind == solver::ReceiverKind::kPractice && r.placed_patients > 0) {
      busiest.push_back({r.placed_patients, r.receiver.id});
    }
  }
  std::sort(busiest.rbegin(), busiest.rend());
  ASSERT_GE(busiest.size(), 2u);
  std::vector<std::int64_t> ids{incident_id_};
  std::vector<std::string> closed{kClosed};
  std::string second_number;
  for (int k = 0; k < 2; ++k) {
    const std::string agb = busiest[k].second;
    auto incident = incidents_->Start(Coordinator(), {"holder-permanently-out", {agb}, false, {}, ""});
    ASSERT_TRUE(incident) << incident.error().ToString();
    if (k == 0) second_number = incident.value().number;
    ASSERT_TRUE(service_->GenerateDemoPatients(Coordinator(), incident.value().id, agb));
    auto planned = service_->Plan(Coordinator(), incident.value().id, {});
    ASSERT_TRUE(planned) << planned.error().ToString();
    ids.push_back(incident.value().id);
    closed.push_back(agb);
  }
  // The first plan no longer fits, and says why: the practice the second incident closes.
  auto stale = service_->Overview(Coordinator(), incident_id_);
  ASSERT_TRUE(stale);
  ASSERT_FALSE(stale.value().plan_out_of_date.empty());
  std::string reasons;
  for (const auto& line : stale.value().plan_out_of_date) reasons += line + "\n";
  EXPECT_NE(reasons.find("die incident " + second_number + " nu sluit"), std::string::npos)
      << reasons;
  // One action per incident whose plan no longer fits makes it fit again.
  for (std::int64_t id : ids) {
    auto overview = service_->Overview(Coordinator(), id);
    ASSERT_TRUE(overview);
    if (!overview.value().plan_out_of_date.empty()) {
      ASSERT_TRUE(service_->Plan(Coordinator(), id, {}));
    }
  }
  std::map<std::string, long long> placed_over_all;
  for (std::int64_t id : ids) {
    const auto patients = service_->Patients(Coordinator(), id);
    ASSERT_TRUE(patients);
    for (const auto& p : patients.value()) {
      if (p.receiver_id.empty()) continue;
      EXPECT_EQ(std::find(closed.begin(), closed.end(), p.receiver_id), closed.end())
          << "incident " << id << " sends a patient to closed practice " << p.receiver_id;
      ++placed_over_all[p.receiver_id];
    }
  }
  for (std::int64_t id : ids) {
    auto overview = service_->Overview(Coordinator(), id);
    ASSERT_TRUE(overview);
    EXPECT_TRUE(overview.value().plan_out_of_date.empty())
        << "incident " << id << ": " << overview.value().plan_out_of_date.front();
    // Each incident sees a receiver's places net of what the others hold there, so its own
    // placements within them mean the sum over all plans is within the receiver's free places.
    for (const auto& r : overview.value().receivers) {
      EXPECT_LE(r.placed_patients, r.receiver.capacity) << "incident " << id << ", " << r.receiver.id;
    }
  }
  // An exercise never takes a real incident's places.
  auto exercise = incidents_->Start(Coordinator(), {"holder-permanently-out", {"01051222"}, true, {}, ""});
  ASSERT_TRUE(exercise);
  ASSERT_TRUE(service_->GenerateDemoPatients(Coordinator(), exercise.value().id, "01051222"));
  ASSERT_TRUE(service_->Plan(Coordinator(), exercise.value().id, {}));
  auto after = service_->Overview(Coordinator(), incident_id_);
  ASSERT_TRUE(after);
  EXPECT_TRUE(after.value().plan_out_of_date.empty());
}

// The regional plan: when the flood closes several practices, all their patients are planned
// together in one solve; each incident keeps its part, within the region's one capacity.
TEST_F(RedistributionServiceTest, TheRegionalPlanPlacesEveryOpenIncidentTogetherWithinOneCapacity) {
  ASSERT_TRUE(service_->GenerateDemoPatients(Coordinator(), incident_id_, kClosed));
  const std::string second_closed = "01051074";
  auto second = incidents_->Start(Coordinator(), {"holder-permanently-out", {second_closed}, false, {}, ""});
  ASSERT_TRUE(second);
  ASSERT_TRUE(service_->GenerateDemoPatients(Coordinator(), second.value().id, second_closed));
  // An exercise stays outside the region's plan.
  auto exercise = incidents_->Start(Coordinator(), {"holder-permanently-out", {"01051222"}, true, {}, ""});
  ASSERT_TRUE(exercise);
  ASSERT_TRUE(service_->GenerateDemoPatients(Coordinator(), exercise.value().id, "01051222"));

  Caller insurer{{"zv", "insurer_liaison", "test", "opvang"}, UserRole::kInsurerLiaison, {}};
  EXPECT_EQ(service_->PlanRegion(insurer, {}).error().kind, ErrorKind::kForbidden);
  EXPECT_EQ(service_->PlanRegion(Practice(kClosed), {}).error().kind, ErrorKind::kForbidden);

  auto regional = service_->PlanRegion(Coordinator(), {});
  ASSERT_TRUE(regional) << regional.error().ToString();
  ASSERT_EQ(regional.value().incidents.size(), 2u);
  EXPECT_FALSE(regional.value().explanation.empty());
  long long placed = 0;
  for (const auto& i : regional.value().incidents) {
    EXPECT_GT(i.patients, 0);
    EXPECT_LE(i.placed, i.patients);
    EXPECT_LE(i.vulnerable_placed, i.vulnerable);
    placed += i.placed;
    auto overview = service_->Overview(Coordinator(), i.incident_id);
    ASSERT_TRUE(overview);
    EXPECT_TRUE(overview.value().plan_out_of_date.empty()) << overview.value().plan_out_of_date.front();
    EXPECT_NE(overview.value().plan->summary.find("Regionaal plan"), std::string::npos);
    for (const auto& r : overview.value().receivers) {
      EXPECT_LE(r.placed_patients, r.receiver.capacity) << i.number << ", " << r.receiver.id;
    }
    const auto patients = service_->Patients(Coordinator(), i.incident_id);
    ASSERT_TRUE(patients);
    for (const auto& p : patients.value()) {
      EXPECT_NE(p.receiver_id, kClosed);
      EXPECT_NE(p.receiver_id, second_closed);
    }
  }
  EXPECT_EQ(placed, regional.value().placed);
  EXPECT_GT(placed, 0);
  // The exercise's patients were not planned.
  const auto exercise_patients = service_->Patients(Coordinator(), exercise.value().id);
  ASSERT_TRUE(exercise_patients);
  for (const auto& p : exercise_patients.value()) {
    EXPECT_TRUE(p.receiver_id.empty());
  }
}

// Two receivers of one name are named with their AGB in the plan (and so in its explanation
// and letters): a coordinator never has to guess which of the two is meant.
TEST_F(RedistributionServiceTest, ReceiversThatShareANameAreToldApartByTheirAgb) {
  ASSERT_TRUE(service_->GenerateDemoPatients(Coordinator(), incident_id_, kClosed));
  auto first = service_->Plan(Coordinator(), incident_id_, {});
  ASSERT_TRUE(first);
  ASSERT_GE(first.value().receivers.size(), 2u);
  const std::string a = first.value().receivers[0].receiver.id;
  const std::string b = first.value().receivers[1].receiver.id;
  std::string shared_name;
  {
    auto uow = store_->Begin(kTestActor);
    ASSERT_TRUE(uow);
    auto& practices = uow.value()->Table<vangnet::Practice>();
    for (const std::string& agb : {a, b}) {
      vangnet::Practice probe;
      probe.agb = agb;
      auto practice = practices.Find(probe);
      ASSERT_TRUE(practice);
      if (shared_name.empty()) shared_name = practice->name;
      practice->name = shared_name;
      ASSERT_TRUE(practices.Update(*practice));
    }
    ASSERT_TRUE(uow.value()->Commit());
  }
  auto again = service_->Plan(Coordinator(), incident_id_, {});
  ASSERT_TRUE(again);
  std::set<std::string> names;
  for (const auto& r : again.value().receivers) {
    if (r.receiver.id != a && r.receiver.id != b) continue;
    EXPECT_NE(r.receiver.name.find("AGB " + r.receiver.id), std::string::npos) << r.receiver.name;
    names.insert(r.receiver.name);
  }
  EXPECT_EQ(names.size(), 2u);
}

// Two servers on one database plan two incidents at the same moment: the capacity the first
// promises is taken before the second looks (one write transaction decides), so no receiver
// gets more patients over all plans than the free places it had, and no closed practice anyone.
// On PostgreSQL the two stores are two connection pools, as two `vangnet serve` have.
TEST_F(RedistributionServiceTest, TwoServersPlanningAtTheSameMomentNeverOverbook) {
  ASSERT_TRUE(service_->GenerateDemoPatients(Coordinator(), incident_id_, kClosed));
  // The free places of every receiver before any plan (the other incidents' practices closed).
  std::vector<std::int64_t> ids{incident_id_};
  std::vector<std::string> closed{kClosed, "01051074", "01051925"};
  for (std::size_t k = 1; k < closed.size(); ++k) {
    auto incident =
        incidents_->Start(Coordinator(), {"holder-permanently-out", {closed[k]}, false, {}, ""});
    ASSERT_TRUE(incident) << incident.error().ToString();
    ASSERT_TRUE(service_->GenerateDemoPatients(Coordinator(), incident.value().id, closed[k]));
    ids.push_back(incident.value().id);
  }
  auto alone = service_->Plan(Coordinator(), incident_id_, {});
  ASSERT_TRUE(alone) << alone.error().ToString();
  std::map<std::string, long long> free_places;
  for (const auto& r : alone.value().receivers) free_places[r.receiver.id] = r.receiver.capacity;
  ASSERT_FALSE(free_places.empty());

  auto store_b = OpenTestStore(dir_.Path("opvang.db"));  // the second server
  RedistributionService service_b(*store_b);
  std::vector<Result<RedistributionOverview>> results(2, Error::Internal("not run"));
  {
    std::jthread a([&] { results[0] = service_->Plan(Coordinator(), ids[1], {}); });
    std::jthread b([&] { results[1] = service_b.Plan(Coordinator(), ids[2], {}); });
  }
  for (const auto& r : results) {
    // Both plan (the second waits for the first's transaction), or one is told to plan again.
    if (!r) {
      EXPECT_EQ(r.error().kind, ErrorKind::kConflict) << r.error().ToString();
    }
  }
  std::map<std::string, long long> placed_over_all;
  for (std::int64_t id : ids) {
    auto patients = service_->Patients(Coordinator(), id);
    ASSERT_TRUE(patients) << patients.error().ToString();
    for (const auto& p : patients.value()) {
      if (p.receiver_id.empty()) continue;
      EXPECT_EQ(std::find(closed.begin(), closed.end(), p.receiver_id), closed.end())
          << "incident " << id << " sends a patient to closed practice " << p.receiver_id;
      ++placed_over_all[p.receiver_id];
    }
  }
  long long placed = 0;
  for (const auto& [receiver, n] : placed_over_all) {
    ASSERT_TRUE(free_places.contains(receiver)) << receiver;
    EXPECT_LE(n, free_places[receiver]) << receiver << " over its free places over all plans";
    placed += n;
  }
  long long placed_alone = 0;
  for (const auto& r : alone.value().receivers) placed_alone += r.placed_patients;
  EXPECT_GT(placed, placed_alone);  // the later plans placed patients too
}

}  // namespace
}  // namespace vangnet
