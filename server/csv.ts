/**
 * CSV as spreadsheets read it. A cell that starts with = + - @ TAB or CR may run as a formula
 * (OWASP's list), so it is written with a leading ' that a spreadsheet shows as text. A cell that
 * really starts with ' gets one more, so a program reading the file back strips exactly one '
 * from every cell that starts with one and has the stored text.
 */
const GUARDED = /^[=+\-@\t\r']/;
const QUOTED = /[",\r\n]/;

export function csvField(value: string | number | null): string {
  if (value === null) return '';
  const text = String(value);
  const guarded = GUARDED.test(text) ? `'${text}` : text;
  return QUOTED.test(guarded) || guarded !== text ? `"${guarded.replaceAll('"', '""')}"` : guarded;
}

export function toCsv(header: string[], rows: (string | number | null)[][]): string {
  return [header, ...rows].map((row) => row.map(csvField).join(',')).join('\n') + '\n';
}
