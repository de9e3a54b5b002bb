/**
 * Ready-made questions for the /explore page, written against the data contract's tables. Each is a starting point an
 * analyst can edit; each is run against the real exports in tests/unit/sql-examples.test.ts.
 * Alliances: the 20 of April 2024 (`variant` empty or '20'); waiting times on the commissioner basis (where patients live).
 */

export interface ExampleQuery {
	id: string;
	title: string;
	sql: string;
}

export const EXAMPLE_QUERIES: ExampleQuery[] = [
	{
		id: 'worst-62-day',
		title: 'The five alliances furthest below the 62-day standard over the latest 12 months',
		sql: `-- Breast cancer treated within 62 days of an urgent referral, latest 12 months, where patients live
WITH last AS (
  SELECT max(period_start) AS month FROM observations
  WHERE indicator_id = 'cwt62_breast' AND basis = 'commissioner'
)
SELECT a.name AS alliance,
       sum(o.numerator) AS within_62_days,
       sum(o.denominator) AS treated,
       round(100 * sum(o.numerator) / sum(o.denominator), 1) AS percent,
       min(o.period_start) AS period_start,
       max(o.period_end) AS period_end
FROM observations o
JOIN areas a ON a.code = o.area_code
CROSS JOIN last
WHERE o.indicator_id = 'cwt62_breast' AND o.basis = 'commissioner'
  AND a.type = 'alliance' AND (a.variant IS NULL OR a.variant = '20')
  AND o.period_start > last.month - INTERVAL 12 MONTH
GROUP BY a.name
ORDER BY percent
LIMIT 5;`
	},
	{
		id: 'staging-trend',
		title: 'Staging completeness for England, year by year',
		sql: `-- Share of breast cancers diagnosed with a recorded stage, England (NDRS)
SELECT year(period_start) AS year,
       numerator AS staged,
       denominator AS diagnosed,
       round(value, 1) AS percent,
       round(lower95, 1) AS lower95,
       round(upper95, 1) AS upper95,
       period_start,
       period_end
FROM observations
WHERE indicator_id = 'stage_completeness_breast' AND area_code = 'E92000001'
ORDER BY year;`
	},
	{
		id: 'latest-periods',
		title: 'Every indicator with its first and latest period, by basis',
		sql: `-- What is published, for which periods, and for how many areas
SELECT i.id, i.name, o.basis,
       min(o.period_start) AS first_period,
       max(o.period_start) AS latest_period,
       count(DISTINCT o.area_code) AS areas,
       count(*) AS rows
FROM indicators i
JOIN observations o ON o.indicator_id = i.id
GROUP BY i.id, i.name, o.basis
ORDER BY i.id, o.basis;`
	},
	{
		id: 'icb-fds-gap',
		title: 'ICBs furthest below England on the 28-day Faster Diagnosis Standard, latest month',
		sql: `-- Suspected breast cancer told within 28 days, latest month, where patients live
WITH last AS (
  SELECT max(period_start) AS month FROM observations
  WHERE indicator_id = 'fds_breast_suspected' AND basis = 'commissioner'
),
england AS (
  SELECT o.value FROM observations o CROSS JOIN last
  WHERE o.indicator_id = 'fds_breast_suspected' AND o.basis = 'commissioner'
    AND o.area_code = 'E92000001' AND o.period_start = last.month
)
SELECT a.name AS icb,
       round(o.value, 1) AS percent,
       round(o.value - england.value, 1) AS points_from_england,
       o.comparison,
       o.numerator, o.denominator,
       o.period_start, o.period_end
FROM observations o
JOIN areas a ON a.code = o.area_code
CROSS JOIN last CROSS JOIN england
WHERE o.indicator_id = 'fds_breast_suspected' AND o.basis = 'commissioner'
  AND a.type = 'icb' AND o.period_start = last.month AND o.value IS NOT NULL
ORDER BY points_from_england
LIMIT 10;`
	},
	{
		id: 'gap-in-patients',
		title:
			'The gap in patients: how many more would have started treatment within 62 days at England\u2019s rate, latest month',
		sql: `-- (England's proportion - the alliance's) x the alliance's patients, for alliances below England
WITH last AS (
  SELECT max(period_start) AS month FROM observations
  WHERE indicator_id = 'cwt62_breast' AND basis = 'commissioner'
),
england AS (
  SELECT o.numerator / o.denominator AS p FROM observations o CROSS JOIN last
  WHERE o.indicator_id = 'cwt62_breast' AND o.basis = 'commissioner'
    AND o.area_code = 'E92000001' AND o.period_start = last.month
)
SELECT a.name AS alliance,
       o.numerator AS within_62_days,
       o.denominator AS treated,
       round(100 * o.numerator / o.denominator, 1) AS percent,
       round(100 * england.p, 1) AS england_percent,
       round((england.p - o.numerator / o.denominator) * o.denominator, 1) AS gap_in_patients,
       o.comparison,
       o.period_start, o.period_end
FROM observations o
JOIN areas a ON a.code = o.area_code
CROSS JOIN last CROSS JOIN england
WHERE o.indicator_id = 'cwt62_breast' AND o.basis = 'commissioner'
  AND a.type = 'alliance' AND (a.variant IS NULL OR a.variant = '20')
  AND o.period_start = last.month AND o.numerator / o.denominator < england.p
ORDER BY gap_in_patients DESC;`
	}
];
