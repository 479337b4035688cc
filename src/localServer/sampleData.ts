import type { Client } from 'pg';

/**
 * Synthetic public-health data for the Sandbox: health facilities, monthly
 * case reports (600 facilities x 48 months x 4 diseases = 115,200 rows), a
 * view, and a survey table in a second schema. Deterministic (setseed), made
 * in the server by generate_series: a few seconds, no file to ship.
 */
export const SAMPLE_DATA_SQL = [
  'SELECT setseed(0.42)',
  `CREATE TABLE health_facilities (
     id int PRIMARY KEY,
     code text NOT NULL UNIQUE,
     name text NOT NULL,
     region text NOT NULL,
     district text NOT NULL,
     facility_type text NOT NULL,
     latitude numeric(8,5),
     longitude numeric(8,5),
     opened_on date
   )`,
  `INSERT INTO health_facilities
   SELECT g,
          'HF' || lpad(g::text, 4, '0'),
          (ARRAY['Centre de santé', 'Poste de santé', 'Hôpital de district', 'Clinique'])[1 + g % 4] || ' ' ||
            (ARRAY['Nord', 'Sud', 'Est', 'Ouest', 'Centre', 'Plateau', 'Lac', 'Fleuve'])[1 + (g / 4) % 8] || ' ' || g,
          (ARRAY['Nord', 'Sud', 'Est', 'Ouest', 'Centre'])[1 + g % 5],
          'District ' || (1 + g % 37),
          (ARRAY['Health centre', 'Health post', 'District hospital', 'Private clinic'])[1 + g % 4],
          round((8 + random() * 8)::numeric, 5),
          round((-12 + random() * 14)::numeric, 5),
          CASE WHEN g % 23 = 0 THEN NULL ELSE date '1980-01-01' + (random() * 15000)::int END
     FROM generate_series(1, 600) g`,
  `CREATE TABLE monthly_case_reports (
     id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
     facility_id int NOT NULL REFERENCES health_facilities,
     period date NOT NULL,
     disease text NOT NULL,
     suspected_cases int NOT NULL,
     confirmed_cases int NOT NULL,
     deaths int NOT NULL,
     reported_at timestamptz
   )`,
  `INSERT INTO monthly_case_reports (facility_id, period, disease, suspected_cases, confirmed_cases, deaths, reported_at)
   SELECT f, p::date, d, s, (s * (0.3 + random() * 0.6))::int, (s * random() * 0.02)::int,
          CASE WHEN random() < 0.03 THEN NULL ELSE p + interval '1 month' + (random() * interval '20 days') END
     FROM generate_series(1, 600) f,
          generate_series(date '2021-01-01', date '2024-12-01', interval '1 month') p,
          unnest(ARRAY['Malaria', 'Diarrhoea', 'Pneumonia', 'Measles']) d,
          LATERAL (SELECT (random() * CASE d WHEN 'Malaria' THEN 180 WHEN 'Measles' THEN 6 ELSE 40 END)::int AS s) x`,
  'CREATE INDEX ON monthly_case_reports (facility_id, period)',
  `CREATE VIEW malaria_by_district AS
   SELECT f.region, f.district, r.period, sum(r.confirmed_cases) AS confirmed_cases, sum(r.deaths) AS deaths
     FROM monthly_case_reports r JOIN health_facilities f ON f.id = r.facility_id
    WHERE r.disease = 'Malaria'
    GROUP BY f.region, f.district, r.period`,
  'CREATE SCHEMA surveys',
  `CREATE TABLE surveys.household_survey (
     id int PRIMARY KEY,
     facility_id int REFERENCES health_facilities,
     interviewed_on date NOT NULL,
     household_size int NOT NULL,
     has_bednet boolean,
     answers jsonb
   )`,
  `INSERT INTO surveys.household_survey
   SELECT g, 1 + (random() * 599)::int, date '2024-01-01' + (random() * 300)::int, 1 + (random() * 11)::int,
          CASE WHEN random() < 0.05 THEN NULL ELSE random() < 0.7 END,
          jsonb_build_object('water_source', (ARRAY['borehole', 'tap', 'river', 'well'])[1 + (random() * 3)::int], 'visits', (random() * 4)::int)
     FROM generate_series(1, 2000) g`,
];

/** Fills a workspace database in one transaction; refuses a database that already has these tables. */
export async function loadSampleData(client: Client): Promise<void> {
  const existing = await client.query("SELECT 1 FROM pg_catalog.pg_class WHERE relname IN ('health_facilities', 'monthly_case_reports') AND relnamespace = 'public'::regnamespace");
  if ((existing.rowCount ?? 0) > 0) {
    throw new Error('This workspace already has the sample tables.');
  }
  await client.query('BEGIN');
  try {
    for (const statement of SAMPLE_DATA_SQL) {
      await client.query(statement);
    }
    await client.query('COMMIT');
  } catch (err) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw err;
  }
  // Statistics make the tree's row estimates right at once.
  await client.query('ANALYZE health_facilities, monthly_case_reports, surveys.household_survey');
}
