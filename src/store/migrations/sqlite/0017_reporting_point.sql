-- Seed 002 has no paid on-call officer: the last link of the alarm chain is the region's agreed
-- reachable number (§3.1), and crisis team members are reachable on a best-effort basis (§5.2,
-- "kans-piket"). The crisis role kind and alarm level "duty_officer" are renamed to what they are.
UPDATE crisis_role SET kind = 'reporting_point' WHERE kind = 'duty_officer';
UPDATE incident_alarm SET level = 'reporting_point' WHERE level = 'duty_officer';
