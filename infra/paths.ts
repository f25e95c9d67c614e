import path from 'node:path';

/** The repository root, wherever the process was started from. */
export const ROOT = path.resolve(__dirname, '..');
export const TOOLS_DIR = path.join(ROOT, '.tools');
