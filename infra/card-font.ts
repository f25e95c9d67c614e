// The font the printed certificate (api/certificate-card-pdf.ts) embeds: it must have the Chinese
// glyphs of every name, agency and region. A system font, not an npm package: the npm CJK fonts are
// either 60–180 MB of web-font slices or unmaintained; Debian's fonts-wqy-zenhei (TrueType outlines,
// which subset cleanly; over 20,000 CJK characters (GBK) for the rarer characters of names; GPL with the font-embedding
// exception) is one apt package, the same the browser tests install. The file is read once.
import fs from 'node:fs';

export const DEFAULT_CARD_FONT = '/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc#WenQuanYiZenHei';

export interface CardFont {
  data: Buffer;
  /** The PostScript name of the font inside a collection (.ttc). */
  family?: string;
}

/** `<file>` or `<file>#<PostScript name>`. */
function parse(setting: string): { file: string; family?: string } {
  const at = setting.lastIndexOf('#');
  return at < 0 ? { file: setting } : { file: setting.slice(0, at), family: setting.slice(at + 1) };
}

/** Why the configured font cannot be used (a sentence for the operator), or undefined when it can. */
export function cardFontProblem(setting: string): string | undefined {
  const { file } = parse(setting);
  if (fs.existsSync(file)) return undefined;
  return (
    `CARD_FONT: ${file} not found — the printed certificate needs a font with Chinese glyphs: ` +
    'install it (Debian/Ubuntu: apt-get install fonts-wqy-zenhei) or set CARD_FONT to a TrueType font file ' +
    '(`<file>.ttc#<PostScript name>` for a collection)'
  );
}

const loaded = new Map<string, CardFont>();

/** The font's bytes, read on first use; undefined when the file is missing. */
export function loadCardFont(setting: string): CardFont | undefined {
  const cached = loaded.get(setting);
  if (cached) return cached;
  if (cardFontProblem(setting)) return undefined;
  const { file, family } = parse(setting);
  const font = { data: fs.readFileSync(file), ...(family ? { family } : {}) };
  loaded.set(setting, font);
  return font;
}
