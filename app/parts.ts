import * as fs from 'fs';
import * as path from 'path';

/**
 * The project's root folder. This module lives in `app/`, and the synth program runs bundled from
 * `.build/` (scripts/run-ts.mjs): both are one level below the root, so the parent of this
 * module's folder is the root either way (as in tools/synth.ts).
 */
const ROOT = path.resolve(__dirname, '..');

/** The files of the page nginx serves: the keys of the `web-content` ConfigMap. */
export const PAGE_FILES = ['index.html', 'app.js', 'style.css', 'favicon.svg'] as const;

/** A file of the page. */
export type PageFile = (typeof PAGE_FILES)[number];

/**
 * The parts of the example that run inside its containers (see `app/site/README.md`), as the
 * charts carry them into ConfigMaps: each is a committed file, tested with the real program that
 * runs it, and read here unchanged.
 */
export interface ExampleParts {
  /** The page, by file name (`app/site/`). */
  readonly page: Readonly<Record<PageFile, string>>;
  /** nginx's server block, a template for the image's entrypoint (`app/site/default.conf.template`). */
  readonly nginxTemplate: string;
  /** The schema, roles and seed data (`app/sql/migration.sql`). */
  readonly migrationSql: string;
  /** The nightly report (`app/sql/report.sql`). */
  readonly reportSql: string;
}

/** Reads the example's parts from `app/site/` and `app/sql/`. */
export function readExampleParts(): ExampleParts {
  const read = (...segments: string[]) =>
    fs.readFileSync(path.join(ROOT, 'app', ...segments), 'utf8');
  const page = Object.fromEntries(PAGE_FILES.map((file) => [file, read('site', file)]));
  return {
    page: page as Record<PageFile, string>,
    nginxTemplate: read('site', 'default.conf.template'),
    migrationSql: read('sql', 'migration.sql'),
    reportSql: read('sql', 'report.sql'),
  };
}
