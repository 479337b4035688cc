import type { Client } from 'pg';
import { withTransaction } from '../postgres/transaction';

// Operators, schema-qualified: this runs in a workspace database, where
// editors may have created look-alikes that match better than the built-ins.
// OPERATOR(...) has one precedence for all (left to right): every compound
// expression below is parenthesized.
const PLUS = 'OPERATOR(pg_catalog.+)';
const TIMES = 'OPERATOR(pg_catalog.*)';
const DIV = 'OPERATOR(pg_catalog./)';
const MOD = 'OPERATOR(pg_catalog.%)';
const LT = 'OPERATOR(pg_catalog.<)';
const EQ = 'OPERATOR(pg_catalog.=)';
const CAT = 'OPERATOR(pg_catalog.||)';

/**
 * Synthetic public-health data for the Sandbox: health facilities, monthly
 * case reports (600 facilities x 48 months x 4 diseases = 115,200 rows), a
 * view, and a survey table in a second schema. Deterministic (setseed), made
 * in the server by generate_series: a few seconds, no file to ship.
 */
export const SAMPLE_DATA_SQL = [
  'SELECT pg_catalog.setseed(0.42)',
  `CREATE TABLE public.health_facilities (
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
  `INSERT INTO public.health_facilities
   SELECT g,
          'HF' ${CAT} pg_catalog.lpad(g::text, 4, '0'),
          pg_catalog.concat_ws(' ',
            (ARRAY['Centre de santé', 'Poste de santé', 'Hôpital de district', 'Clinique'])[1 ${PLUS} (g ${MOD} 4)],
            (ARRAY['Nord', 'Sud', 'Est', 'Ouest', 'Centre', 'Plateau', 'Lac', 'Fleuve'])[1 ${PLUS} ((g ${DIV} 4) ${MOD} 8)],
            g),
          (ARRAY['Nord', 'Sud', 'Est', 'Ouest', 'Centre'])[1 ${PLUS} (g ${MOD} 5)],
          'District ' ${CAT} (1 ${PLUS} (g ${MOD} 37)),
          (ARRAY['Health centre', 'Health post', 'District hospital', 'Private clinic'])[1 ${PLUS} (g ${MOD} 4)],
          pg_catalog.round((8 ${PLUS} (pg_catalog.random() ${TIMES} 8))::numeric, 5),
          pg_catalog.round((-12 ${PLUS} (pg_catalog.random() ${TIMES} 14))::numeric, 5),
          CASE WHEN (g ${MOD} 23) ${EQ} 0 THEN NULL ELSE date '1980-01-01' ${PLUS} (pg_catalog.random() ${TIMES} 15000)::int END
     FROM pg_catalog.generate_series(1, 600) g`,
  `CREATE TABLE public.monthly_case_reports (
     id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
     facility_id int NOT NULL,
     period date NOT NULL,
     disease text NOT NULL,
     suspected_cases int NOT NULL,
     confirmed_cases int NOT NULL,
     deaths int NOT NULL,
     reported_at timestamptz
   )`,
  `INSERT INTO public.monthly_case_reports (facility_id, period, disease, suspected_cases, confirmed_cases, deaths, reported_at)
   SELECT f, p::date, d, s, (s ${TIMES} (0.3 ${PLUS} (pg_catalog.random() ${TIMES} 0.6)))::int, ((s ${TIMES} pg_catalog.random()) ${TIMES} 0.02)::int,
          CASE WHEN pg_catalog.random() ${LT} 0.03 THEN NULL
               ELSE (p ${PLUS} interval '1 month') ${PLUS} (pg_catalog.random() ${TIMES} interval '20 days') END
     FROM pg_catalog.generate_series(1, 600) f,
          pg_catalog.generate_series(date '2021-01-01', date '2024-12-01', interval '1 month') p,
          pg_catalog.unnest(ARRAY['Malaria', 'Diarrhoea', 'Pneumonia', 'Measles']) d,
          LATERAL (SELECT (pg_catalog.random() ${TIMES} CASE d WHEN 'Malaria' THEN 180 WHEN 'Measles' THEN 6 ELSE 40 END)::int AS s) x`,
  // The foreign key once the rows are in: checked in one pass, not by a trigger for each of 115,200 rows.
  'ALTER TABLE public.monthly_case_reports ADD FOREIGN KEY (facility_id) REFERENCES public.health_facilities',
  'CREATE INDEX ON public.monthly_case_reports (facility_id, period)',
  `CREATE VIEW public.malaria_by_district AS
   SELECT f.region, f.district, r.period, pg_catalog.sum(r.confirmed_cases) AS confirmed_cases, pg_catalog.sum(r.deaths) AS deaths
     FROM public.monthly_case_reports r JOIN public.health_facilities f ON f.id ${EQ} r.facility_id
    WHERE r.disease ${EQ} 'Malaria'
    GROUP BY f.region, f.district, r.period`,
  'CREATE SCHEMA surveys',
  `CREATE TABLE surveys.household_survey (
     id int PRIMARY KEY,
     facility_id int REFERENCES public.health_facilities,
     interviewed_on date NOT NULL,
     household_size int NOT NULL,
     has_bednet boolean,
     answers jsonb
   )`,
  `INSERT INTO surveys.household_survey
   SELECT g, 1 ${PLUS} (pg_catalog.random() ${TIMES} 599)::int, date '2024-01-01' ${PLUS} (pg_catalog.random() ${TIMES} 300)::int,
          1 ${PLUS} (pg_catalog.random() ${TIMES} 11)::int,
          CASE WHEN pg_catalog.random() ${LT} 0.05 THEN NULL ELSE pg_catalog.random() ${LT} 0.7 END,
          pg_catalog.jsonb_build_object('water_source', (ARRAY['borehole', 'tap', 'river', 'well'])[1 ${PLUS} (pg_catalog.random() ${TIMES} 3)::int],
                                        'visits', (pg_catalog.random() ${TIMES} 4)::int)
     FROM pg_catalog.generate_series(1, 2000) g`,
];

const EXISTING_SQL = `SELECT 1 FROM pg_catalog.pg_class
                       WHERE relname OPERATOR(pg_catalog.=) ANY (ARRAY['health_facilities', 'monthly_case_reports']::name[])
                         AND relnamespace OPERATOR(pg_catalog.=) 'public'::regnamespace`;

/** Fills a workspace database in one transaction; refuses a database that already has these tables. */
export async function loadSampleData(client: Client): Promise<void> {
  const existing = await client.query(EXISTING_SQL);
  if ((existing.rowCount ?? 0) > 0) {
    throw new Error('This workspace already has the sample tables.');
  }
  await withTransaction(client, async () => {
    // Sample rows anyone can make again (Load Sample Data): the commit need not wait for the disk.
    await client.query('SET LOCAL synchronous_commit = off');
    for (const statement of SAMPLE_DATA_SQL) {
      await client.query(statement);
    }
  });
  // Statistics make the tree's row estimates right at once.
  await client.query('ANALYZE public.health_facilities, public.monthly_case_reports, surveys.household_survey');
}
