// Splitting one CSV record into its fields. No `vscode` import.

/**
 * Splits the text of one record into fields. A field that starts with a double quote runs to
 * the matching quote, with `""` as an escaped quote, and may contain separators and line breaks.
 * A quote elsewhere is an ordinary character, as in the record locator.
 */
export function splitCsvFields(record: string): string[] {
  const fields: string[] = [];
  let position = 0;

  for (;;) {
    let value = '';
    if (record[position] === '"') {
      position++;
      for (;;) {
        const quote = record.indexOf('"', position);
        if (quote < 0) {
          value += record.slice(position);
          position = record.length;
          break;
        }

        value += record.slice(position, quote);
        if (record[quote + 1] === '"') {
          value += '"';
          position = quote + 2;
          continue;
        }

        position = quote + 1;
        break;
      }

      const comma = record.indexOf(',', position);
      value += record.slice(position, comma < 0 ? record.length : comma);
      position = comma < 0 ? record.length : comma;
    } else {
      const comma = record.indexOf(',', position);
      value = record.slice(position, comma < 0 ? record.length : comma);
      position = comma < 0 ? record.length : comma;
    }

    fields.push(value);
    if (position >= record.length) {
      return fields;
    }

    position++;
  }
}
