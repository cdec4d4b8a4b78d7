// Loads the sample data set from test/fixtures/ and fills in what Canvas derives when a
// batch finishes: error and warning counts and the truncated processing_* lists.
import * as fs from 'node:fs';
import * as path from 'node:path';

import {
  AccountRecord,
  Dataset,
  SisImportErrorRecord,
  SisImportRecord,
  TokenRecord,
  UserRecord,
  AdminRecord,
} from './dataset';

/** Canvas keeps at most this many entries in processing_errors / processing_warnings. */
const PROCESSING_LIST_LIMIT = 24;

/** Every per-importer count key Canvas writes into data.counts. */
const COUNT_KEYS = [
  'change_sis_ids', 'accounts', 'terms', 'abstract_courses', 'courses', 'sections', 'xlists',
  'users', 'logins', 'enrollments', 'admins', 'group_categories', 'groups', 'group_memberships',
  'grade_publishing_results', 'user_observers',
];

interface InstanceFixture {
  now: string;
  domain_root_account_id: number;
}

interface UsersFixture {
  users: UserRecord[];
  admins: AdminRecord[];
  tokens: TokenRecord[];
}

type ErrorFixture = Omit<SisImportErrorRecord, 'id'>;

/** Finds test/fixtures/ from the compiled (out/test/fake-canvas) or source location. */
export function findFixturesDir(): string {
  let dir = __dirname;
  for (;;) {
    const candidate = path.join(dir, 'test', 'fixtures');
    if (fs.existsSync(path.join(candidate, 'canvas', 'instance.json'))) {
      return candidate;
    }
    const parent = path.dirname(dir);
    if (parent === dir) {
      throw new Error(`test/fixtures/canvas/instance.json not found above ${__dirname}`);
    }
    dir = parent;
  }
}

function readJson<T>(file: string): T {
  return JSON.parse(fs.readFileSync(file, 'utf8')) as T;
}

/** Reads sis_import_errors.json and every generated sis_import_errors_<id>.json. */
function readErrorFixtures(canvasDir: string): ErrorFixture[] {
  const files = fs
    .readdirSync(canvasDir)
    .filter((name) => /^sis_import_errors(_\d+)?\.json$/.test(name))
    .sort();
  return files.flatMap((name) => readJson<ErrorFixture[]>(path.join(canvasDir, name)));
}

function truncateProcessingList(
  errors: SisImportErrorRecord[],
  kind: 'errors' | 'warnings',
): Array<[string | null, string]> {
  const pairs: Array<[string | null, string]> = errors
    .slice(0, PROCESSING_LIST_LIMIT)
    .map((error) => [error.file, error.message]);

  if (errors.length > PROCESSING_LIST_LIMIT) {
    pairs.push([
      `and ${errors.length - PROCESSING_LIST_LIMIT} more ${kind} that were not included`,
      `Download the error file to see all ${kind}.`,
    ]);
  }
  return pairs;
}

/** Fills counts and processing lists the way a finished batch stores them. */
export function deriveBatchSummary(sisImport: SisImportRecord, errors: SisImportErrorRecord[]): void {
  const counts = sisImport.data.counts;
  if (!counts) {
    return;
  }

  const own = errors.filter((error) => error.sis_import_id === sisImport.id);
  const failures = own.filter((error) => error.failure);
  const warnings = own.filter((error) => !error.failure);

  // Rebuilt in Canvas's key order: every importer, then the two totals.
  const ordered: Record<string, number> = {};
  for (const key of COUNT_KEYS) {
    ordered[key] = counts[key] ?? 0;
  }
  ordered.error_count = failures.length;
  ordered.warning_count = warnings.length;
  sisImport.data.counts = ordered;

  if (failures.length > 0) {
    sisImport.processing_errors = truncateProcessingList(failures, 'errors');
  }
  if (warnings.length > 0) {
    sisImport.processing_warnings = truncateProcessingList(warnings, 'warnings');
  }
}

/** Loads the sample data set. Each call returns a fresh copy that a test may change. */
export function loadSampleDataset(): Dataset {
  const fixturesDir = findFixturesDir();
  const canvasDir = path.join(fixturesDir, 'canvas');

  const instance = readJson<InstanceFixture>(path.join(canvasDir, 'instance.json'));
  const users = readJson<UsersFixture>(path.join(canvasDir, 'users.json'));
  const accounts = readJson<AccountRecord[]>(path.join(canvasDir, 'accounts.json'));
  const sisImports = readJson<SisImportRecord[]>(path.join(canvasDir, 'sis_imports.json'));
  const sisImportErrors = readErrorFixtures(canvasDir).map((error, index) => ({ id: index + 1, ...error }));

  for (const sisImport of sisImports) {
    deriveBatchSummary(sisImport, sisImportErrors);
  }

  return {
    now: instance.now,
    domainRootAccountId: instance.domain_root_account_id,
    accounts,
    users: users.users,
    admins: users.admins,
    tokens: users.tokens,
    sisImports,
    sisImportErrors,
    workspaceDir: path.join(fixturesDir, 'workspace'),
  };
}
