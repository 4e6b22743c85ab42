/**
 * Spreadsheet formula injection (CSV injection), per OWASP: a cell whose text
 * begins with =, +, -, @, a tab or a carriage return is read as a formula by
 * Excel, LibreOffice and Google Sheets, e.g. =HYPERLINK("http://x","y") in a
 * nickname. Such cells get a leading single quote, which spreadsheets show as
 * text. The check also looks past leading white space (some importers trim
 * it) and at the full-width forms of the same characters.
 *
 * Every spreadsheet export passes each text cell through here.
 */
const TRIGGERS = new Set(["=", "+", "-", "@", "\t", "\r", "\uFF1D", "\uFF0B", "\uFF0D", "\uFF20"]);

export function spreadsheetCell<T>(value: T): T | string {
  if (typeof value !== "string" || value === "") return value;
  if (TRIGGERS.has(value[0])) return `'${value}`;
  const firstVisible = value.trimStart()[0];
  if (firstVisible !== undefined && firstVisible !== value[0] && TRIGGERS.has(firstVisible)) return `'${value}`;
  return value;
}

/** A row of cells, each made safe. */
export function spreadsheetRow(cells: readonly unknown[]): unknown[] {
  return cells.map(spreadsheetCell);
}
