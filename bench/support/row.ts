/** One line of the bench's table (and of results/latest.json's `table`). */
export interface Row {
  id: string;
  measure: string;
  unit: string;
  meritflow: number | null;
  baseline: number | null;
  baselineName: string;
  ratio: number | null;
  target: string;
  pass: boolean | null;
  note?: string;
}
