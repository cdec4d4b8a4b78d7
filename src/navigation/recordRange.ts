// Conversion of a located CSV record to an editor range.
import * as vscode from 'vscode';

import { RecordRange } from '../csv/recordLocator';

/** Returns the range from the first character of the record to the end of its last line. */
export function toEditorRange(record: RecordRange): vscode.Range {
  const lines = record.text.split(/\r\n|\r|\n/);
  const lastLine = lines[lines.length - 1] ?? '';
  return new vscode.Range(record.startLine, 0, record.endLine, lastLine.length);
}
