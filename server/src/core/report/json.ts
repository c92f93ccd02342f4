import type { ReportModel } from './reportModel';

/** The report model as JSON, two-space indented, ending with a newline. */
export function renderJson(model: ReportModel): string {
  return JSON.stringify(model, null, 2) + '\n';
}
