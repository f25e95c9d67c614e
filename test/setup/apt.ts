// Debian packages the tests need (a browser, the card's CJK font): installed with apt when missing,
// as root or through passwordless sudo — never a download of a browser or font of our own.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';

/** The CJK font the printed card embeds by default (infra/card-font.ts) and the screenshots use. */
export const CJK_FONT = '/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc';
export const CJK_FONT_PACKAGE = 'fonts-wqy-zenhei';

export function aptInstall(packages: string[]): void {
  if (packages.length === 0) return;
  const asRoot = process.getuid?.() === 0;
  const run = (args: string[]) =>
    execFileSync(asRoot ? args[0] : 'sudo', asRoot ? args.slice(1) : ['-n', ...args], {
      stdio: 'inherit',
      env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
    });
  run(['apt-get', 'update', '-q']);
  run(['apt-get', 'install', '-y', '-q', '--no-install-recommends', ...packages]);
}

/** Installs the CJK font when missing; throws when it still is. */
export function ensureCjkFont(): void {
  if (!fs.existsSync(CJK_FONT)) aptInstall([CJK_FONT_PACKAGE]);
  if (!fs.existsSync(CJK_FONT))
    throw new Error(`${CJK_FONT} is missing and could not be installed with apt (${CJK_FONT_PACKAGE})`);
}
