import * as assert from 'node:assert/strict';
import { readPlan } from '../../src/core/query/explainPlan';

/** EXPLAIN (ANALYZE, FORMAT JSON) of a join, as PostgreSQL writes it (abridged). */
const ANALYZED = [
  {
    Plan: {
      'Node Type': 'Hash Join', 'Join Type': 'Inner', 'Startup Cost': 30.5, 'Total Cost': 250.0, 'Plan Rows': 1000, 'Actual Total Time': 12.0, 'Actual Rows': 990, 'Actual Loops': 1, 'Hash Cond': '(v.site = s.id)',
      Plans: [
        { 'Node Type': 'Seq Scan', 'Relation Name': 'visits', Schema: 'public', Alias: 'v', 'Startup Cost': 0, 'Total Cost': 180.0, 'Plan Rows': 10000, 'Actual Total Time': 8.5, 'Actual Rows': 10000, 'Actual Loops': 1, Filter: '(cases > 1)' },
        {
          'Node Type': 'Hash', 'Startup Cost': 20.0, 'Total Cost': 20.0, 'Plan Rows': 100, 'Actual Total Time': 0.5, 'Actual Rows': 100, 'Actual Loops': 1,
          Plans: [{ 'Node Type': 'Index Scan', 'Relation Name': 'sites', Schema: 'public', Alias: 's', 'Index Name': 'sites_pkey', 'Startup Cost': 0.1, 'Total Cost': 15.0, 'Plan Rows': 100, 'Actual Total Time': 0.1, 'Actual Rows': 100, 'Actual Loops': 4 }],
        },
      ],
    },
    'Planning Time': 0.3,
    'Execution Time': 12.4,
  },
];

describe('a plan as the results panel draws it', () => {
  it('gives each node its rows, cost and own time, and marks the one that costs most on its own', () => {
    const plan = readPlan(JSON.stringify(ANALYZED));
    assert.equal(plan.analyzed, true);
    assert.equal(plan.executionMs, 12.4);
    const [scan, hash] = plan.root.children;
    assert.equal(plan.root.label, 'Hash Join');
    assert.equal(scan!.detail, 'public.visits v · filter (cases > 1)');
    assert.equal(scan!.costliest, true, 'the scan takes 8.5 of the 12 ms');
    assert.equal(plan.root.costliest, false);
    // Loops multiply: 4 × 0.1 ms.
    const index = hash!.children[0]!;
    assert.equal(index.totalMs, 0.4);
    assert.equal(index.detail, 'public.sites s · using sites_pkey');
    assert.ok(Math.abs(hash!.ownMs! - 0.1) < 1e-9);
    assert.ok(Math.abs(plan.root.ownMs! - 3) < 1e-9);
  });

  it('without ANALYZE, marks the node with the highest cost of its own', () => {
    const plain = JSON.parse(JSON.stringify(ANALYZED)) as typeof ANALYZED;
    const strip = (node: Record<string, unknown>): void => {
      delete node['Actual Total Time'];
      delete node['Actual Rows'];
      delete node['Actual Loops'];
      for (const child of (node.Plans as Record<string, unknown>[] | undefined) ?? []) {
        strip(child);
      }
    };
    strip(plain[0]!.Plan as unknown as Record<string, unknown>);
    const plan = readPlan(plain);
    assert.equal(plan.analyzed, false);
    assert.equal(plan.root.children[0]!.costliest, true);
    assert.equal(plan.root.ownCost, 50);
  });

  it('refuses what is not a plan', () => {
    assert.throws(() => readPlan('[{"Plan": {"Node Type": 3}}]'));
    assert.throws(() => readPlan('not json'));
  });
});
