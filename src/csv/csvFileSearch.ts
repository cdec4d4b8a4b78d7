// Finds local files by base name under a set of folders. No `vscode` import.
import { Dirent, promises as fs } from 'node:fs';
import * as path from 'node:path';

export interface CsvFileSearchOptions {
  /** Folder levels searched below each root. */
  maxDepth?: number;
  /** Directory entries read in all before the search stops. */
  maxEntries?: number;
}

const skippedFolders = new Set(['node_modules', '.git', '.hg', '.svn']);

/**
 * Returns the files named `baseName` (compared without case, as Canvas file names and local
 * copies often differ in case) under `roots`, without duplicates. Unreadable folders are
 * skipped. Only names are compared, so a Canvas file name can never point outside `roots`.
 */
export async function findFilesByBaseName(roots: readonly string[], baseName: string, options: CsvFileSearchOptions = {}): Promise<string[]> {
  const lowerBaseName = baseName.toLowerCase();
  const maxDepth = options.maxDepth ?? 8;
  const budget = { remaining: options.maxEntries ?? 50_000 };
  const found = new Set<string>();

  for (const root of roots) {
    await searchFolder(path.resolve(root), lowerBaseName, maxDepth, budget, found);
  }

  return [...found];
}

async function searchFolder(folder: string, lowerBaseName: string, depth: number, budget: { remaining: number }, found: Set<string>): Promise<void> {
  if (budget.remaining <= 0) {
    return;
  }

  let entries: Dirent[];
  try {
    entries = await fs.readdir(folder, { withFileTypes: true });
  } catch {
    return;
  }

  budget.remaining -= entries.length;
  const subfolders: string[] = [];
  for (const entry of entries) {
    const fullPath = path.join(folder, entry.name);
    if (entry.isFile() && entry.name.toLowerCase() === lowerBaseName) {
      found.add(fullPath);
    } else if (entry.isDirectory() && !skippedFolders.has(entry.name) && depth > 0) {
      subfolders.push(fullPath);
    }
  }

  for (const subfolder of subfolders) {
    await searchFolder(subfolder, lowerBaseName, depth - 1, budget, found);
  }
}
