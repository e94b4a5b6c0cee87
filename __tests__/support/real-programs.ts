import * as fs from 'fs';

/** A program from the machine's packages that a test runs for real. */
export interface RealProgram {
  /** What it is, for messages. */
  readonly name: string;
  /** The files that must exist for it to run. */
  readonly paths: readonly string[];
  /** The command that installs it. */
  readonly install: string;
}

const PG_BIN = '/usr/lib/postgresql/15/bin';

/** The real programs the example's parts are tested with, from Debian's packages. */
export const PROGRAMS = {
  postgres: {
    name: 'PostgreSQL 15',
    paths: ['initdb', 'postgres', 'pg_isready']
      .map((p) => `${PG_BIN}/${p}`)
      .concat('/usr/bin/psql'),
    install: 'sudo apt-get install -y postgresql',
  },
  nginx: {
    name: 'nginx',
    paths: ['/usr/sbin/nginx', '/etc/nginx/mime.types'],
    install: 'sudo apt-get install -y nginx',
  },
  chromium: {
    name: 'Chromium',
    paths: ['/usr/bin/chromium'],
    install: 'sudo apt-get install -y chromium',
  },
} as const satisfies Record<string, RealProgram>;

/** The folder of PostgreSQL's server programs. */
export const POSTGRES_BIN = PG_BIN;

/**
 * `describe`, when every program is installed. Otherwise the block is skipped with a warning that
 * names the missing programs and the command that installs them, unless `REQUIRE_REAL_PARTS=1`,
 * when it fails instead (for CI, where a silently skipped suite would prove nothing).
 */
export function describeWithPrograms(
  title: string,
  programs: readonly RealProgram[],
  body: () => void,
): void {
  const missing = programs.filter((p) => !p.paths.every((file) => fs.existsSync(file)));
  if (missing.length === 0) {
    describe(title, body);
    return;
  }
  const message =
    `${title}: needs ${missing.map((p) => p.name).join(', ')}, not installed here; ` +
    `install with: ${missing.map((p) => p.install).join(' && ')}`;
  if (process.env.REQUIRE_REAL_PARTS === '1') {
    describe(title, () => {
      test('has the real programs it needs (REQUIRE_REAL_PARTS=1)', () => {
        throw new Error(message);
      });
    });
    return;
  }
  console.warn(`skipped: ${message}`);
  describe.skip(title, body);
}
