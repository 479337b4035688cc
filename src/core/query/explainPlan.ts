/**
 * PostgreSQL's plan (EXPLAIN (FORMAT JSON), with ANALYZE or not) as the tree
 * the results panel draws: each node with its rows, cost and time, what it
 * costs on its own (its total less its children's), and the most expensive
 * node marked. Checked with zod: the plan comes from the server.
 */
import { z } from 'zod';

interface RawNode {
  'Node Type': string;
  'Relation Name'?: string;
  Schema?: string;
  Alias?: string;
  'Index Name'?: string;
  'Join Type'?: string;
  Strategy?: string;
  Operation?: string;
  'Startup Cost': number;
  'Total Cost': number;
  'Plan Rows': number;
  'Actual Total Time'?: number;
  'Actual Rows'?: number;
  'Actual Loops'?: number;
  Filter?: string;
  'Index Cond'?: string;
  'Hash Cond'?: string;
  'Join Filter'?: string;
  'Sort Key'?: string[];
  Plans?: RawNode[];
}

const rawNode: z.ZodType<RawNode> = z.lazy(() =>
  z
    .object({
      'Node Type': z.string(),
      'Relation Name': z.string().optional(),
      Schema: z.string().optional(),
      Alias: z.string().optional(),
      'Index Name': z.string().optional(),
      'Join Type': z.string().optional(),
      Strategy: z.string().optional(),
      Operation: z.string().optional(),
      'Startup Cost': z.number(),
      'Total Cost': z.number(),
      'Plan Rows': z.number(),
      'Actual Total Time': z.number().optional(),
      'Actual Rows': z.number().optional(),
      'Actual Loops': z.number().optional(),
      Filter: z.string().optional(),
      'Index Cond': z.string().optional(),
      'Hash Cond': z.string().optional(),
      'Join Filter': z.string().optional(),
      'Sort Key': z.array(z.string()).optional(),
      Plans: z.array(rawNode).optional(),
    })
    .passthrough(),
);

const explainOutput = z.array(z.object({ Plan: rawNode, 'Planning Time': z.number().optional(), 'Execution Time': z.number().optional() }).passthrough()).min(1);

/** A node as the panel draws it (the protocol's shape). */
export interface PlanNode {
  readonly label: string;
  /** What it works on and how: relation, index, condition, sort key. */
  readonly detail: string;
  readonly planRows: number;
  readonly totalCost: number;
  /** Its own cost: its total less its children's totals. */
  readonly ownCost: number;
  readonly actualRows?: number;
  readonly loops?: number;
  /** Milliseconds in all its loops, children included. */
  readonly totalMs?: number;
  /** Milliseconds of its own (its children's taken out). */
  readonly ownMs?: number;
  readonly costliest: boolean;
  readonly children: readonly PlanNode[];
}

export interface Plan {
  readonly root: PlanNode;
  readonly analyzed: boolean;
  readonly planningMs?: number;
  readonly executionMs?: number;
}

function labelOf(node: RawNode): string {
  const how = [node.Operation ?? '', node.Strategy && node.Strategy !== 'Plain' ? node.Strategy : '', node['Join Type'] && node['Join Type'] !== 'Inner' ? node['Join Type'] : ''].filter(Boolean).join(' ');
  return how ? `${node['Node Type']} (${how})` : node['Node Type'];
}

function detailOf(node: RawNode): string {
  const on = node['Relation Name'] ? `${node.Schema ? `${node.Schema}.` : ''}${node['Relation Name']}${node.Alias && node.Alias !== node['Relation Name'] ? ` ${node.Alias}` : ''}` : '';
  const parts = [
    on,
    node['Index Name'] ? `using ${node['Index Name']}` : '',
    node['Index Cond'] ?? '',
    node['Hash Cond'] ?? '',
    node['Join Filter'] ? `join filter ${node['Join Filter']}` : '',
    node.Filter ? `filter ${node.Filter}` : '',
    node['Sort Key'] ? `by ${node['Sort Key'].join(', ')}` : '',
  ];
  return parts.filter(Boolean).join(' · ');
}

/** A node while the tree is built: the costliest mark is set once all are known. */
type Building = Omit<PlanNode, 'costliest' | 'children'> & { children: Building[]; costliest: boolean };

function build(raw: RawNode): Building {
  const children = (raw.Plans ?? []).map(build);
  const loops = raw['Actual Loops'];
  const totalMs = raw['Actual Total Time'] !== undefined ? raw['Actual Total Time'] * (loops ?? 1) : undefined;
  const childrenMs = children.reduce((sum, c) => sum + (c.totalMs ?? 0), 0);
  const childrenCost = children.reduce((sum, c) => sum + c.totalCost, 0);
  return {
    label: labelOf(raw),
    detail: detailOf(raw),
    planRows: raw['Plan Rows'],
    totalCost: raw['Total Cost'],
    ownCost: Math.max(0, raw['Total Cost'] - childrenCost),
    ...(raw['Actual Rows'] !== undefined ? { actualRows: raw['Actual Rows'] } : {}),
    ...(loops !== undefined ? { loops } : {}),
    ...(totalMs !== undefined ? { totalMs, ownMs: Math.max(0, totalMs - childrenMs) } : {}),
    costliest: false,
    children,
  };
}

function everyNode(node: Building): Building[] {
  return [node, ...node.children.flatMap(everyNode)];
}

/** The plan of an EXPLAIN (FORMAT JSON) answer: its `QUERY PLAN` value, as text or already parsed. */
export function readPlan(value: unknown): Plan {
  const parsed = explainOutput.parse(typeof value === 'string' ? JSON.parse(value) : value);
  const top = parsed[0]!;
  const root = build(top.Plan);
  const analyzed = root.totalMs !== undefined;
  const nodes = everyNode(root);
  const weight = (n: Building): number => (analyzed ? (n.ownMs ?? 0) : n.ownCost);
  const costliest = nodes.reduce((best, n) => (weight(n) > weight(best) ? n : best), root);
  costliest.costliest = true;
  return {
    root,
    analyzed,
    ...(top['Planning Time'] !== undefined ? { planningMs: top['Planning Time'] } : {}),
    ...(top['Execution Time'] !== undefined ? { executionMs: top['Execution Time'] } : {}),
  };
}
