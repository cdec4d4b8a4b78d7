// AssemblyScript source of the record scanning kernel, compiled to WebAssembly with SIMD by
// scripts/buildWasm.js. It counts CSV records by the same rules as RecordScanner in
// ../recordScanner.ts, which tests use as its reference:
//
// - `\n`, `\r\n` and a lone `\r` end a line; outside quotes they also end a record.
// - Empty lines are not records.
// - A `"` opens a quoted field only as the first byte of a field. Inside it, `""` is an
//   escaped quote. Any other `"` is a literal byte.
//
// The scan reads 64 bytes at a time into bit masks of line feeds, carriage returns and quotes,
// and counts the lines and records of a whole run of bytes with a few mask operations. Bytes
// that need a decision (a quote, a `\r` at the end of a window, the last bytes of a chunk, a
// record that reaches a checkpoint or the target) go through `scanByte` one at a time.

const QUOTE: u8 = 0x22;
const COMMA: u8 = 0x2c;
const LINE_FEED: u8 = 0x0a;
const CARRIAGE_RETURN: u8 = 0x0d;

const LINE_FEED_PATTERN = i8x16.splat(LINE_FEED);
const CARRIAGE_RETURN_PATTERN = i8x16.splat(CARRIAGE_RETURN);
const QUOTE_PATTERN = i8x16.splat(QUOTE);

const WINDOW = 64;
const LAST_BIT: u64 = 1 << 63;

/** Results of `scanChunk` and `finishScan`. */
const SCANNED = 0;
const FOUND = 1;
const UNTERMINATED_QUOTE = 2;

/** Bytes of one checkpoint entry: offset, line and record as f64. */
const CHECKPOINT_BYTES = 24;

// Scan state, as in RecordScanner. Counts and offsets are i64 so that files over 4 GiB work.
let line: i64 = 0;
let completedRecords: i64 = 0;
let targetRecord: i64 = 0;
let checkpointInterval: i64 = 1;
let nextCheckpoint: i64 = 1;

let inRecord = false;
let recordStartOffset: i64 = 0;
let recordStartLine: i64 = 0;

let inQuotes = false;
let quoteOpenLine: i64 = 0;
let atFieldStart = true;

let pendingCarriageReturn = false;
let pendingQuote = false;

let checkpointPointer: usize = 0;
let checkpointCount: i32 = 0;

let foundStartOffset: i64 = 0;
let foundEndOffset: i64 = 0;
let foundStartLine: i64 = 0;
let foundEndLine: i64 = 0;

/** Bytes from the current position that scanChunk must scan one at a time. */
let slowRunLength: i32 = 0;

// Position of the chunk being scanned.
let chunkPointer: usize = 0;
let chunkOffset: i64 = 0;

/**
 * Starts a scan at a line start, where record `startRecord` is the next record to begin.
 * scanChunk writes checkpoints from address `checkpoints` on, and takeCheckpointCount empties the list.
 */
export function startScan(
  startLine: f64,
  startRecord: f64,
  target: f64,
  interval: f64,
  checkpoints: usize,
): void {
  line = <i64>startLine;
  completedRecords = <i64>startRecord - 1;
  targetRecord = <i64>target;
  checkpointInterval = <i64>interval;
  nextCheckpoint = ((completedRecords + checkpointInterval) / checkpointInterval) * checkpointInterval;

  inRecord = false;
  inQuotes = false;
  atFieldStart = true;
  pendingCarriageReturn = false;
  pendingQuote = false;
  slowRunLength = 0;

  checkpointPointer = checkpoints;
  checkpointCount = 0;
}

/**
 * Scans `length` bytes at `pointer`, which are the file's bytes from `offset` on.
 * Returns FOUND as soon as the target record ends in them, SCANNED otherwise.
 */
export function scanChunk(pointer: usize, length: i32, offset: f64): i32 {
  chunkPointer = pointer;
  chunkOffset = <i64>offset;

  let position = 0;
  while (position < length) {
    if (!pendingCarriageReturn && !pendingQuote) {
      position = inQuotes ? skipQuotedWindows(position, length) : scanUnquotedWindows(position, length);
    }

    if (slowRunLength > 0) {
      const count = slowRunLength;
      slowRunLength = 0;
      if (scanBytes(position, count)) {
        return FOUND;
      }
      position += count;
      continue;
    }

    if (position < length) {
      if (scanByte(position)) {
        return FOUND;
      }
      position++;
    }
  }

  return SCANNED;
}

/** Ends the scan at the file size `endOffset`: the last record may lack a terminator. */
export function finishScan(endOffset: f64): i32 {
  if (pendingQuote) {
    pendingQuote = false;
    inQuotes = false;
  }

  if (inQuotes) {
    return UNTERMINATED_QUOTE;
  }

  if (inRecord && completeRecord(<i64>endOffset)) {
    return FOUND;
  }

  return SCANNED;
}

/** Returns the checkpoints written since the last call and starts a new list. */
export function takeCheckpointCount(): i32 {
  const count = checkpointCount;
  checkpointCount = 0;
  return count;
}

export function completedRecordCount(): f64 {
  return <f64>completedRecords;
}

export function unterminatedQuoteLine(): f64 {
  return <f64>quoteOpenLine;
}

export function foundRecordStartOffset(): f64 {
  return <f64>foundStartOffset;
}

export function foundRecordEndOffset(): f64 {
  return <f64>foundEndOffset;
}

export function foundRecordStartLine(): f64 {
  return <f64>foundStartLine;
}

export function foundRecordEndLine(): f64 {
  return <f64>foundEndLine;
}

/**
 * Scans whole windows outside quotes from `position` and returns where it stopped. It stops at a
 * quote, at a `\r` in the last byte of a window (its line end depends on the next byte), and
 * before the last bytes of the chunk. It also stops before a run that may complete the target
 * record or begin a checkpoint record, and puts that run's length in `slowRunLength`.
 */
function scanUnquotedWindows(start: i32, length: i32): i32 {
  let position = start;
  let lines = line;
  let completed = completedRecords;
  let inRecordBit: u64 = inRecord ? 1 : 0;
  let lastRunEnd = -1;

  // A run that begins record `beginLimit` goes through scanByte: that record is a checkpoint
  // record or the target record, and scanByte notes where it begins. So no record that a run
  // begins here is the target, and this loop need not note where records begin. Once the
  // target record has begun, only the run that completes it goes through scanByte.
  const targetBegun = completed + <i64>inRecordBit >= targetRecord;
  const beginLimit = targetBegun ? nextCheckpoint : min(targetRecord, nextCheckpoint);

  while (position + WINDOW <= length) {
    const pointer = chunkPointer + <usize>position;
    const lineFeeds = byteMask(pointer, LINE_FEED_PATTERN);

    // Most windows hold neither a quote nor a `\r`: every byte is a line feed or content. This
    // branch repeats the general run below with those masks folded in, because it runs faster.
    if (!hasQuoteOrCarriageReturn(pointer)) {
      const content = ~lineFeeds;
      const recordEnds = lineFeeds & ((content << 1) | inRecordBit);

      const completedAfter = completed + <i64>popcnt(recordEnds);
      const lastIsContent = content >> 63;
      if (completedAfter >= targetRecord || completedAfter + <i64>lastIsContent >= beginLimit) {
        slowRunLength = WINDOW;
        break;
      }

      completed = completedAfter;
      lines += <i64>popcnt(lineFeeds);
      inRecordBit = lastIsContent;

      position += WINDOW;
      lastRunEnd = position;
      continue;
    }

    const carriageReturns = byteMask(pointer, CARRIAGE_RETURN_PATTERN);
    const run = runLength(byteMask(pointer, QUOTE_PATTERN) | (carriageReturns & LAST_BIT));
    if (run == 0) {
      break;
    }

    const inRun = run == WINDOW ? <u64>-1 : (<u64>1 << <u64>run) - 1;
    const lineEnds = lineEndMask(lineFeeds, carriageReturns) & inRun;
    const terminatorStarts = ((lineFeeds & ~(carriageReturns << 1)) | carriageReturns) & inRun;
    const content = ~(lineFeeds | carriageReturns) & inRun;

    const recordEnds = terminatorStarts & ((content << 1) | inRecordBit);

    const completedAfter = completed + <i64>popcnt(recordEnds);
    const lastIsContent = (content >> <u64>(run - 1)) & 1;
    if (completedAfter >= targetRecord || completedAfter + <i64>lastIsContent >= beginLimit) {
      slowRunLength = run;
      break;
    }

    completed = completedAfter;
    lines += <i64>popcnt(lineEnds);
    inRecordBit = lastIsContent;

    position += run;
    lastRunEnd = position;
    if (run < WINDOW) {
      break;
    }
  }

  line = lines;
  completedRecords = completed;
  inRecord = inRecordBit != 0;
  if (lastRunEnd > 0) {
    atFieldStart = !inRecord || load<u8>(chunkPointer + <usize>(lastRunEnd - 1)) == COMMA;
  }

  return position;
}

/**
 * Counts the line ends inside quotes from `position` up to the next quote, a `\r` in the last
 * byte of a window, or the last bytes of the chunk, and returns where it stopped.
 */
function skipQuotedWindows(start: i32, length: i32): i32 {
  let position = start;
  let lines = line;

  while (position + WINDOW <= length) {
    const pointer = chunkPointer + <usize>position;
    const lineFeeds = byteMask(pointer, LINE_FEED_PATTERN);
    const carriageReturns = byteMask(pointer, CARRIAGE_RETURN_PATTERN);
    const run = runLength(byteMask(pointer, QUOTE_PATTERN) | (carriageReturns & LAST_BIT));

    const inRun = run == WINDOW ? <u64>-1 : (<u64>1 << <u64>run) - 1;
    lines += <i64>popcnt(lineEndMask(lineFeeds, carriageReturns) & inRun);
    position += run;
    if (run < WINDOW) {
      break;
    }
  }

  line = lines;
  return position;
}

/** Tells whether any of the WINDOW bytes at `pointer` is a quote or a `\r`. */
// @ts-ignore: decorator
@inline
function hasQuoteOrCarriageReturn(pointer: usize): bool {
  const first = v128.load(pointer);
  const second = v128.load(pointer, 16);
  const third = v128.load(pointer, 32);
  const fourth = v128.load(pointer, 48);
  const quotes = v128.or(
    v128.or(i8x16.eq(first, QUOTE_PATTERN), i8x16.eq(second, QUOTE_PATTERN)),
    v128.or(i8x16.eq(third, QUOTE_PATTERN), i8x16.eq(fourth, QUOTE_PATTERN)),
  );
  const carriageReturns = v128.or(
    v128.or(i8x16.eq(first, CARRIAGE_RETURN_PATTERN), i8x16.eq(second, CARRIAGE_RETURN_PATTERN)),
    v128.or(i8x16.eq(third, CARRIAGE_RETURN_PATTERN), i8x16.eq(fourth, CARRIAGE_RETURN_PATTERN)),
  );
  return v128.any_true(v128.or(quotes, carriageReturns));
}

/** Returns the number of bytes before the first set bit of `stops`, or WINDOW if there is none. */
// @ts-ignore: decorator
@inline
function runLength(stops: u64): i32 {
  return stops == 0 ? WINDOW : <i32>ctz(stops);
}

/** Returns the mask of line feeds, and of carriage returns that no line feed follows within the window. */
// @ts-ignore: decorator
@inline
function lineEndMask(lineFeeds: u64, carriageReturns: u64): u64 {
  return lineFeeds | (carriageReturns & ~(lineFeeds >> 1));
}

/** Returns a mask whose bit i is set where byte `pointer + i` equals the byte that `pattern` repeats. */
// @ts-ignore: decorator
@inline
function byteMask(pointer: usize, pattern: v128): u64 {
  const first = <u64>(<u32>i8x16.bitmask(i8x16.eq(v128.load(pointer), pattern)));
  const second = <u64>(<u32>i8x16.bitmask(i8x16.eq(v128.load(pointer, 16), pattern)));
  const third = <u64>(<u32>i8x16.bitmask(i8x16.eq(v128.load(pointer, 32), pattern)));
  const fourth = <u64>(<u32>i8x16.bitmask(i8x16.eq(v128.load(pointer, 48), pattern)));
  return first | (second << 16) | (third << 32) | (fourth << 48);
}

/** Scans `count` bytes from `position` one at a time. Returns true if the target record ended. */
function scanBytes(position: i32, count: i32): bool {
  for (let i = 0; i < count; i++) {
    if (scanByte(position + i)) {
      return true;
    }
  }
  return false;
}

/** Advances the state machine by the byte at `position`. Returns true if the target record ended. */
function scanByte(position: i32): bool {
  const byte = load<u8>(chunkPointer + <usize>position);
  const offset = chunkOffset + <i64>position;

  if (pendingCarriageReturn) {
    pendingCarriageReturn = false;
    if (byte == LINE_FEED) {
      return false;
    }
  }

  if (pendingQuote) {
    pendingQuote = false;
    if (byte == QUOTE) {
      return false;
    }
    inQuotes = false;
  }

  if (inQuotes) {
    scanQuotedByte(byte);
    return false;
  }

  return scanUnquotedByte(byte, offset);
}

function scanQuotedByte(byte: u8): void {
  if (byte == QUOTE) {
    pendingQuote = true;
  } else if (byte == LINE_FEED || byte == CARRIAGE_RETURN) {
    countLineBreak(byte);
  }
}

function scanUnquotedByte(byte: u8, offset: i64): bool {
  if (byte == LINE_FEED || byte == CARRIAGE_RETURN) {
    if (inRecord && completeRecord(offset)) {
      return true;
    }
    atFieldStart = true;
    countLineBreak(byte);
    return false;
  }

  if (byte == QUOTE) {
    if (atFieldStart) {
      beginRecord(offset);
      inQuotes = true;
      quoteOpenLine = line;
    }
    atFieldStart = false;
    return false;
  }

  beginRecord(offset);
  atFieldStart = byte == COMMA;
  return false;
}

function countLineBreak(byte: u8): void {
  line++;
  pendingCarriageReturn = byte == CARRIAGE_RETURN;
}

function beginRecord(offset: i64): void {
  if (inRecord) {
    return;
  }

  inRecord = true;
  recordStartOffset = offset;
  recordStartLine = line;

  if (completedRecords + 1 == nextCheckpoint) {
    const entry = checkpointPointer + <usize>(checkpointCount * CHECKPOINT_BYTES);
    store<f64>(entry, <f64>offset);
    store<f64>(entry, <f64>line, 8);
    store<f64>(entry, <f64>nextCheckpoint, 16);
    checkpointCount++;
    nextCheckpoint += checkpointInterval;
  }
}

/** Ends the current record at `endOffset`. Returns true if it is the target record. */
function completeRecord(endOffset: i64): bool {
  inRecord = false;
  completedRecords++;

  if (completedRecords != targetRecord) {
    return false;
  }

  foundStartOffset = recordStartOffset;
  foundEndOffset = endOffset;
  foundStartLine = recordStartLine;
  foundEndLine = line;
  return true;
}
