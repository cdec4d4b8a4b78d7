const QUOTE = 0x22;
const COMMA = 0x2c;
const LINE_FEED = 0x0a;
const CARRIAGE_RETURN = 0x0d;

/**
 * Scanner state at the start of a line: `record` is the number of the next record to begin
 * (1 = the header), `line` the 0-based line, `offset` the byte offset in the file.
 */
export interface RecordStart {
  offset: number;
  line: number;
  record: number;
}

/** Byte and line extent of one complete record, without its line terminator. */
export interface RecordSpan {
  record: number;
  startOffset: number;
  endOffset: number;
  startLine: number;
  endLine: number;
}

/** Result of a scan that reached the end of the file. */
export type EndOfFileOutcome =
  | { kind: 'found'; span: RecordSpan }
  | { kind: 'endOfFile'; recordCount: number }
  | { kind: 'unterminatedQuote'; line: number };

/** Settings of one scan. */
export interface RecordScannerOptions {
  /** Record number at which the scan stops. */
  targetRecord: number;

  /** Records whose number is a multiple of this are reported to `onCheckpoint`. */
  checkpointInterval: number;

  onCheckpoint(start: RecordStart): void;
}

/** A scanner that is fed a file's chunks in order: RecordScanner or WasmRecordScanner. */
export interface ChunkScanner {
  /** Scans the next chunk, which starts at byte `chunkOffset`, and returns the target record's span once it ends. */
  feed(chunk: Buffer, chunkOffset: number): RecordSpan | undefined;

  /** Ends the scan at byte `endOffset`, the file size. */
  finish(endOffset: number): EndOfFileOutcome;

  /** Hands back what the scanner holds, after which it cannot be used. */
  release?(): void;
}

/**
 * Counts CSV records the way Ruby's CSV does with `skip_blanks: true`, fed with consecutive
 * chunks of a file, and stops at the target record.
 *
 * Line terminators are `\r\n`, `\n` and a lone `\r`, as in VS Code. All three end a record
 * outside quotes and advance the line count everywhere. Empty lines are not records. A `"`
 * opens a quoted field only as the first byte of a field, and `""` inside it is an escaped
 * quote. Chunks may split a `\r\n` or a `""`, so the decision waits for the next chunk.
 *
 * locateRecord scans with the WebAssembly kernel (wasm/recordKernel.ts) and uses this class
 * only where the kernel cannot be loaded. Tests compare the kernel with it.
 */
export class RecordScanner implements ChunkScanner {
  private line: number;
  private completedRecords: number;

  private inRecord = false;
  private recordStartOffset = 0;
  private recordStartLine = 0;

  private inQuotes = false;
  private quoteOpenLine = 0;
  private atFieldStart = true;

  private carriageReturnEndsChunk = false;
  private quoteEndsChunk = false;

  private chunk: Buffer = Buffer.alloc(0);
  private chunkOffset = 0;
  private nextQuote = -1;
  private nextLineFeed = -1;
  private nextCarriageReturn = -1;

  private foundSpan: RecordSpan | undefined;

  constructor(
    start: RecordStart,
    private readonly options: RecordScannerOptions,
  ) {
    this.line = start.line;
    this.completedRecords = start.record - 1;
  }

  /**
   * Scans the next chunk, which starts at byte `chunkOffset` of the file.
   * Returns the target record's span as soon as that record ends inside this chunk.
   */
  feed(chunk: Buffer, chunkOffset: number): RecordSpan | undefined {
    // An empty chunk would settle a `\r` or `"` at the end of the previous chunk too early.
    if (chunk.length === 0) {
      return undefined;
    }

    this.chunk = chunk;
    this.chunkOffset = chunkOffset;
    this.nextQuote = -1;
    this.nextLineFeed = -1;
    this.nextCarriageReturn = -1;

    let position = this.resolveChunkStart();
    while (position < chunk.length && this.foundSpan === undefined) {
      position = this.inQuotes ? this.scanQuoted(position) : this.scanUnquoted(position);
    }

    return this.foundSpan;
  }

  /** Ends the scan at byte `endOffset`, the file size: the last record may end without a terminator. */
  finish(endOffset: number): EndOfFileOutcome {
    if (this.quoteEndsChunk) {
      this.quoteEndsChunk = false;
      this.inQuotes = false;
    }

    if (this.inQuotes) {
      return { kind: 'unterminatedQuote', line: this.quoteOpenLine };
    }

    if (this.inRecord) {
      this.completeRecord(endOffset);
    }

    if (this.foundSpan !== undefined) {
      return { kind: 'found', span: this.foundSpan };
    }

    return { kind: 'endOfFile', recordCount: this.completedRecords };
  }

  /** Settles a `\r` or `"` that ended the previous chunk, and returns where scanning resumes. */
  private resolveChunkStart(): number {
    if (this.carriageReturnEndsChunk) {
      this.carriageReturnEndsChunk = false;
      return this.chunk[0] === LINE_FEED ? 1 : 0;
    }

    if (this.quoteEndsChunk) {
      this.quoteEndsChunk = false;
      if (this.chunk[0] === QUOTE) {
        return 1;
      }
      this.inQuotes = false;
    }

    return 0;
  }

  private scanUnquoted(position: number): number {
    const event = this.nextSpecialByte(position);

    if (event > position) {
      this.beginRecord(position);
      this.atFieldStart = this.chunk[event - 1] === COMMA;
    }

    if (event === this.chunk.length) {
      return event;
    }

    if (this.chunk[event] !== QUOTE) {
      return this.endUnquotedLine(event);
    }

    // NOTE: Ruby's CSV rejects a quote inside an unquoted field ("Illegal quoting"), so Canvas
    // fails such a file as a whole. Counting the quote as a literal keeps the rows before it
    // locatable.
    if (this.atFieldStart) {
      this.beginRecord(event);
      this.inQuotes = true;
      this.quoteOpenLine = this.line;
    }

    this.atFieldStart = false;
    return event + 1;
  }

  private scanQuoted(position: number): number {
    const event = this.nextSpecialByte(position);
    if (event === this.chunk.length) {
      return event;
    }

    if (this.chunk[event] !== QUOTE) {
      return this.skipLineBreak(event);
    }

    if (event + 1 === this.chunk.length) {
      this.quoteEndsChunk = true;
      return event + 1;
    }

    if (this.chunk[event + 1] === QUOTE) {
      return event + 2;
    }

    this.inQuotes = false;
    return event + 1;
  }

  /** Handles a line terminator outside quotes: it ends the current record, or a blank line. */
  private endUnquotedLine(terminator: number): number {
    if (this.inRecord) {
      this.completeRecord(this.chunkOffset + terminator);
      if (this.foundSpan !== undefined) {
        return terminator;
      }
    }

    this.atFieldStart = true;
    return this.skipLineBreak(terminator);
  }

  /** Counts the line break at `terminator` and returns the position after it. */
  private skipLineBreak(terminator: number): number {
    this.line++;

    if (this.chunk[terminator] === LINE_FEED) {
      return terminator + 1;
    }

    if (terminator + 1 === this.chunk.length) {
      this.carriageReturnEndsChunk = true;
      return terminator + 1;
    }

    return this.chunk[terminator + 1] === LINE_FEED ? terminator + 2 : terminator + 1;
  }

  private beginRecord(position: number): void {
    if (this.inRecord) {
      return;
    }

    this.inRecord = true;
    this.recordStartOffset = this.chunkOffset + position;
    this.recordStartLine = this.line;

    const record = this.completedRecords + 1;
    if (record % this.options.checkpointInterval === 0) {
      this.options.onCheckpoint({ offset: this.recordStartOffset, line: this.line, record });
    }
  }

  private completeRecord(endOffset: number): void {
    this.inRecord = false;
    this.completedRecords++;

    if (this.completedRecords === this.options.targetRecord) {
      this.foundSpan = {
        record: this.completedRecords,
        startOffset: this.recordStartOffset,
        endOffset,
        startLine: this.recordStartLine,
        endLine: this.line,
      };
    }
  }

  /**
   * Returns the position of the next `"`, `\n` or `\r` at or after `position`, or the chunk
   * length if there is none. Each search result is kept until the scan passes it, so a chunk
   * is searched for each byte value about once per occurrence rather than once per event.
   */
  private nextSpecialByte(position: number): number {
    if (this.nextQuote < position) {
      this.nextQuote = this.indexOrEnd(QUOTE, position);
    }
    if (this.nextLineFeed < position) {
      this.nextLineFeed = this.indexOrEnd(LINE_FEED, position);
    }
    if (this.nextCarriageReturn < position) {
      this.nextCarriageReturn = this.indexOrEnd(CARRIAGE_RETURN, position);
    }

    return Math.min(this.nextQuote, this.nextLineFeed, this.nextCarriageReturn);
  }

  private indexOrEnd(byte: number, position: number): number {
    const index = this.chunk.indexOf(byte, position);
    return index === -1 ? this.chunk.length : index;
  }
}
