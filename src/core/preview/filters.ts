/** What a preview filter can ask of a column; the grid's menu, the protocol and the SQL all read this list. */
export const FILTER_OPS = ['eq', 'ne', 'lt', 'gt', 'contains', 'startsWith', 'isNull', 'isNotNull', 'in'] as const;
export type FilterOp = (typeof FILTER_OPS)[number];

/** One filter of a preview: a column, an operator and, for those that take one, the value(s) as typed. */
export interface Filter {
  readonly column: string;
  readonly op: FilterOp;
  readonly value?: string;
  readonly values?: readonly string[];
}
