/**
 * The console's one stylesheet, served by the console itself (no external assets:
 * it works offline). Narrow screens get one column and tables that scroll inside
 * their own box, so the page body never scrolls sideways at 390 pixels; a
 * `table.stack` becomes one block per row there, each cell led by its
 * `data-label` (its column's name).
 */
export const CONSOLE_STYLESHEET = `
*, *::before, *::after { box-sizing: border-box; }
html { font: 15px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: #172b4d; background: #f4f5f7; }
body { margin: 0; overflow-wrap: anywhere; }
a { color: #0052cc; }
:focus-visible { outline: 3px solid #4c9aff; outline-offset: 2px; }
.skip { position: absolute; left: -10000px; }
.skip:focus { left: 8px; top: 8px; background: #fff; padding: 4px 8px; z-index: 1; }
header.bar { display: flex; flex-wrap: wrap; align-items: center; gap: 8px 16px; padding: 8px 16px; background: #0747a6; color: #fff; }
header.bar a { color: #fff; }
header.bar .brand { font-weight: 600; margin-right: auto; }
header.bar form { margin: 0; }
header.bar button { background: transparent; color: #fff; border: 1px solid #fff; }
nav.pages ul { display: flex; flex-wrap: wrap; gap: 4px 16px; list-style: none; margin: 0; padding: 8px 16px; background: #fff; border-bottom: 1px solid #dfe1e6; }
nav.pages a[aria-current="page"] { font-weight: 600; text-decoration: none; color: #172b4d; }
main { max-width: 1200px; margin: 0 auto; padding: 16px; }
h1 { font-size: 1.6rem; margin: 0 0 12px; }
h2 { font-size: 1.2rem; margin: 24px 0 8px; }
section.panel { background: #fff; border: 1px solid #dfe1e6; border-radius: 4px; padding: 12px 16px; margin-bottom: 16px; }
section.panel > h2:first-child { margin-top: 0; }
.flash { padding: 8px 12px; border-radius: 4px; margin-bottom: 12px; }
.flash.info { background: #e3fcef; border: 1px solid #57d9a3; }
.flash.error { background: #ffebe6; border: 1px solid #ff8f73; }
form.fields { display: flex; flex-wrap: wrap; align-items: flex-end; gap: 8px 12px; }
.field { display: flex; flex-direction: column; gap: 2px; min-width: 0; }
.field.check { flex-direction: row; align-items: center; gap: 6px; }
label { font-weight: 600; font-size: 0.9rem; }
input, select, button, textarea { font: inherit; max-width: 100%; }
input[type="text"], input[type="password"], input[type="search"], input:not([type]), select { padding: 4px 6px; border: 1px solid #c1c7d0; border-radius: 3px; background: #fff; }
button { padding: 4px 12px; border: 1px solid #0052cc; border-radius: 3px; background: #0052cc; color: #fff; cursor: pointer; }
button.secondary { background: #fff; color: #0052cc; }
.table-box { overflow-x: auto; max-width: 100%; }
table { border-collapse: collapse; width: 100%; }
th, td { text-align: left; padding: 6px 8px; border-bottom: 1px solid #dfe1e6; vertical-align: top; }
td form { display: flex; flex-wrap: wrap; gap: 4px; align-items: center; margin: 0; }
td label { font-weight: normal; font-size: 0.8rem; color: #5e6c84; }
code, pre, .mono { font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; font-size: 0.85rem; }
pre.tail { background: #091e42; color: #ebecf0; padding: 8px; max-height: 24rem; overflow: auto; white-space: pre-wrap; }
.muted { color: #5e6c84; }
.login { max-width: 360px; margin: 48px auto; }
.login form { display: flex; flex-direction: column; gap: 10px; }
@media (max-width: 600px) {
  main { padding: 8px; }
  th, td { padding: 4px; }
  /* A table of class "stack" becomes one card per row, each cell under its column's name (data-label). */
  table.stack thead { position: absolute; left: -10000px; }
  table.stack tr { display: block; padding: 6px 0; border-bottom: 1px solid #dfe1e6; }
  table.stack td { display: block; border: 0; padding: 2px 4px; }
  table.stack td[data-label]::before { content: attr(data-label) ": "; font-weight: 600; }
}
th, td { overflow-wrap: break-word; }
ul.plain { list-style: none; margin: 0; padding: 0; }
nav.pager { display: flex; flex-wrap: wrap; gap: 4px 16px; margin: 8px 0; }
fieldset.switches { display: flex; flex-direction: column; gap: 6px; border: 1px solid #dfe1e6; border-radius: 4px; margin: 0 0 12px; padding: 8px 12px; }
th.number, td.number { text-align: right; font-variant-numeric: tabular-nums; }
section.new-token { border-color: #57d9a3; }
section.new-token .field { flex: 1 1 24rem; }
@media (max-width: 600px) {
  table.stack thead { position: absolute; left: -10000px; }
  table.stack, table.stack tbody, table.stack tr, table.stack td { display: block; }
  table.stack tr { border-bottom: 1px solid #dfe1e6; padding: 6px 0; }
  table.stack td { border: 0; padding: 2px 0; }
  table.stack td[data-label]::before { content: attr(data-label) ": "; font-weight: 600; }
}
`;
