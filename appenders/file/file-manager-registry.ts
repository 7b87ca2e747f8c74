import path from 'node:path';
import { FileManager, type FileManagerOptions, type ManagerOwner } from './file-manager.js';

const managers = new Map<string, FileManager>();

/**
 * One manager per file path, shared by every appender writing that file. A
 * reconfiguration creates the new appender before closing the old one, so the file
 * is found here still open and is reused: no second descriptor, no truncation, no
 * interleaving of two writers' offsets.
 */
export function acquireFileManager(file: string, options: FileManagerOptions, owner: ManagerOwner): FileManager {
  const key = path.resolve(file);
  const existing = managers.get(key);
  if (existing && !existing.isClosed) {
    existing.addOwner(owner);
    existing.reconfigure(options);
    return existing;
  }
  const manager = new FileManager(key, options, owner);
  managers.set(key, manager);
  return manager;
}

/** Drops the owner; the last one out flushes and closes the file. Resolves when that is done. */
export async function releaseFileManager(manager: FileManager, owner: ManagerOwner): Promise<void> {
  if (manager.ownerCount > 1) {
    manager.removeOwner(owner);
    await manager.flush();
    return;
  }
  // The last owner stays attached while the file closes, so that anything going
  // wrong on the way is reported to it.
  await manager.close();
  manager.removeOwner(owner);
  if (manager.isClosed && managers.get(manager.path) === manager) managers.delete(manager.path);
}

/** @internal For tests: paths with an open manager. */
export function openFileManagerPaths(): string[] {
  return [...managers.keys()];
}
