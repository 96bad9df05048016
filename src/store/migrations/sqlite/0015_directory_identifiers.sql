-- The national identifiers a care-services directory addresses organisations and professionals
-- by (issue 21, FHIR): the URA (UZI register number of a care provider) for practices and other
-- organisations, the KvK number for organisations (practices already have one), and the BIG
-- registration number of a professional. All optional: the region fills them where known.
ALTER TABLE practice ADD COLUMN ura TEXT;
ALTER TABLE organisation ADD COLUMN kvk TEXT;
ALTER TABLE organisation ADD COLUMN ura TEXT;
ALTER TABLE person ADD COLUMN big TEXT;
