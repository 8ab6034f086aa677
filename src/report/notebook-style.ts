/**
 * How tables look in JupyterLab. The rendered report brings its own stylesheet
 * (render/style.css); a notebook output has only JupyterLab's, which right-aligns and bolds
 * row labels and runs a standard error into its stars. So the notebook view of a table
 * carries a small stylesheet of its own, scoped to `.finsam-nb` so it touches nothing else
 * (with !important where JupyterLab's own table rules are more specific).
 */
export const NOTEBOOK_TABLE_CSS = `
.finsam-nb table { border-collapse: collapse; font-size: 0.85em; line-height: 1.3; margin: 0.4em 0; }
.finsam-nb caption { caption-side: top; text-align: left; font-weight: bold; padding: 0 0 0.5em; }
.finsam-nb thead tr { border-top: 1.5px solid #444; border-bottom: 1px solid #444; }
.finsam-nb tbody tr:last-child { border-bottom: 1.5px solid #444; }
.finsam-nb th, .finsam-nb td { padding: 0.25em 0.6em; vertical-align: top; background: none; }
.finsam-nb thead th { text-align: right; font-weight: bold; vertical-align: bottom; }
.finsam-nb table thead tr th.stub, .finsam-nb table tbody tr th { text-align: left !important; }
.finsam-nb table tbody tr th { font-weight: normal !important; }
.finsam-nb table tbody tr th[scope="row"]:not(.wrap) { white-space: nowrap; }
.finsam-nb table tbody tr.group th { font-weight: bold !important; padding-top: 0.6em; }
.finsam-nb tbody tr.group ~ tr:not(.group) th[scope="row"] { padding-left: 1.1em; }
.finsam-nb td { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
.finsam-nb td[colspan] { text-align: center; }
.finsam-nb td.na, .finsam-nb td .se, .finsam-nb .notes { color: #666; }
.finsam-nb td .se { display: block; }
.finsam-nb table.starred td .stars { display: inline-block; min-width: 1.7em; text-align: left; }
.finsam-nb table.starred td .se { padding-right: 1.7em; }
.finsam-nb .notes { font-size: 0.8em; margin-top: 0.4em; }
.finsam-nb .notes p { margin: 0.15em 0; max-width: 46em; }
`;

/** A table's HTML wrapped for a notebook output, with the scoped stylesheet. */
export function notebookTableHtml(tableHtml: string): string {
  return `<div class="finsam-nb"><style>${NOTEBOOK_TABLE_CSS}</style>\n${tableHtml}\n</div>`;
}
