// Where a page's main thread spent its time between two performance marks,
// read from a Chromium trace (Playwright's browser.startTracing): each kind
// of work (script, style recalculation, layout, paint, compositing) summed,
// so a bench can say what a frame costs and why.
import * as fs from 'node:fs';

interface TraceEvent {
  readonly name: string;
  readonly ph: string;
  readonly ts: number;
  readonly dur?: number;
  readonly pid: number;
  readonly tid: number;
  readonly args?: { readonly name?: string };
}

/** Trace event names grouped as DevTools' Performance panel groups them. */
const KINDS: Record<string, string> = {
  FunctionCall: 'script',
  EvaluateScript: 'script',
  FireAnimationFrame: 'script (requestAnimationFrame)',
  EventDispatch: 'script (events)',
  TimerFire: 'script (timers)',
  MajorGC: 'garbage collection',
  MinorGC: 'garbage collection',
  UpdateLayoutTree: 'style recalculation',
  Layout: 'layout',
  PrePaint: 'pre-paint',
  Paint: 'paint',
  Layerize: 'layerize',
  UpdateLayer: 'layerize',
  CompositeLayers: 'composite',
  Commit: 'commit',
  HitTest: 'hit test',
  ScrollLayer: 'scroll',
};

export interface TraceSummary {
  /** Milliseconds of main-thread work by kind, over the marked span. */
  readonly byKind: Record<string, number>;
  readonly spanMs: number;
}

/** Sums the renderer main thread's work between `performance.mark(start)` and `performance.mark(end)`. */
export function summarizeTrace(file: string, start: string, end: string): TraceSummary {
  const parsed = JSON.parse(fs.readFileSync(file, 'utf8')) as { traceEvents?: TraceEvent[] } | TraceEvent[];
  const events = Array.isArray(parsed) ? parsed : (parsed.traceEvents ?? []);
  const mark = (name: string): TraceEvent | undefined => events.find((e) => e.name === name && (e.ph === 'R' || e.ph === 'I' || e.ph === 'i' || e.ph === 'b' || e.ph === 'n'));
  const from = mark(start);
  const to = mark(end);
  if (!from || !to) {
    throw new Error(`the trace holds no marks "${start}" and "${end}"`);
  }
  const main = events.find((e) => e.name === 'thread_name' && e.args?.name === 'CrRendererMain' && e.pid === from.pid);
  const inSpan = events.filter((e) => e.ph === 'X' && e.pid === from.pid && (!main || e.tid === main.tid) && e.ts >= from.ts && e.ts + (e.dur ?? 0) <= to.ts);
  // Self time: an event's duration less its children's, so a layout forced inside a script counts once, as layout.
  const sorted = [...inSpan].sort((a, b) => a.ts - b.ts || (b.dur ?? 0) - (a.dur ?? 0));
  const stack: { event: TraceEvent; children: number }[] = [];
  const byKind: Record<string, number> = {};
  const close = (done: { event: TraceEvent; children: number }): void => {
    const kind = KINDS[done.event.name] ?? `other (${done.event.name})`;
    byKind[kind] = (byKind[kind] ?? 0) + Math.max(0, (done.event.dur ?? 0) - done.children) / 1000;
  };
  for (const event of sorted) {
    while (stack.length > 0 && stack.at(-1)!.event.ts + (stack.at(-1)!.event.dur ?? 0) <= event.ts) {
      close(stack.pop()!);
    }
    const parent = stack.at(-1);
    if (parent) {
      parent.children += event.dur ?? 0;
    }
    stack.push({ event, children: 0 });
  }
  while (stack.length > 0) {
    close(stack.pop()!);
  }
  return { byKind, spanMs: (to.ts - from.ts) / 1000 };
}
