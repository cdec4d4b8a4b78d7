// Parameter parsing the way Canvas's Ruby code does it, so the fake reads odd values
// ("25abc", "0", "yes") exactly as Canvas would.

const TRUE_WORDS = ['yes', 'y', 'true', 't', 'on', '1'];
const FALSE_WORDS = ['no', 'n', 'false', 'f', 'off', '0'];

/**
 * Parses a string like Ruby's String#to_i: optional leading whitespace and sign, then
 * the leading digits (underscores allowed between them); anything else yields 0.
 */
export function rubyToInteger(value: string): number {
  const match = /^\s*([+-]?)(\d+(?:_\d+)*)/.exec(value);
  if (!match) {
    return 0;
  }
  const magnitude = Number(match[2].replace(/_/g, ''));
  return match[1] === '-' ? -magnitude : magnitude;
}

/**
 * Interprets a request parameter like Canvas's `value_to_boolean`: the usual yes/no
 * words in any case, otherwise any string whose leading integer is non-zero is true.
 */
export function rubyValueToBoolean(value: string): boolean {
  const word = value.toLowerCase();
  if (TRUE_WORDS.includes(word)) {
    return true;
  }
  if (FALSE_WORDS.includes(word)) {
    return false;
  }
  return rubyToInteger(value) !== 0;
}
