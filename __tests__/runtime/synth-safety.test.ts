import * as fs from 'fs';
import * as path from 'path';
import { OUTPUT_MARKER } from '../../runtime';
import { snapshotDir, tempDir } from '../support/files';
import { projectCopy, projectFiles, runIn } from '../support/project-copy';

/** Spawned syntheses take a second or two each; a busy machine may need many more. */
const SLOW = 120_000;

/** `npm run synth` in a project, without npm's own start-up. */
const synth = (project: string, env: Record<string, string> = {}) =>
  runIn(project, process.execPath, ['scripts/run-ts.mjs', 'main.ts'], env);

describe('npm run synth on a throw-away copy of the project', () => {
  const project = projectCopy();
  const home = tempDir('cdk8s-webapp-home-');
  fs.writeFileSync(path.join(home, '.profile'), 'mine\n');
  fs.mkdirSync(path.join(project, 'keep', '.git'), { recursive: true });
  fs.mkdirSync(path.join(project, 'other-project'));
  fs.writeFileSync(path.join(project, 'other-project', 'package.json'), '{}');
  // Links to the parents of the home folder and of the project: no way round the refusals.
  const links = tempDir();
  fs.symlinkSync(path.dirname(home), path.join(links, 'to-home-parent'));
  fs.symlinkSync(path.dirname(project), path.join(links, 'to-project-parent'));

  test.each([
    [
      'empty (an unset variable)',
      '',
      "CDK8S_OUTDIR '' is empty, which would name the working directory",
    ],
    [
      'the working directory',
      '.',
      "CDK8S_OUTDIR '.' is the working directory or one of its parents",
    ],
    [
      'the project, by its absolute path',
      project,
      'is the working directory or one of its parents',
    ],
    [
      'a parent of the project',
      '..',
      "CDK8S_OUTDIR '..' is the working directory or one of its parents",
    ],
    ['the filesystem root', '/', "CDK8S_OUTDIR '/' is the filesystem root"],
    ['the home folder', home, 'is the home folder'],
    [
      'the home folder by way of a linked parent',
      path.join(links, 'to-home-parent', path.basename(home)),
      'is the home folder',
    ],
    [
      'the project by way of a linked parent',
      path.join(links, 'to-project-parent', path.basename(project)),
      'is the working directory or one of its parents',
    ],
    ['a folder of sources', 'app', "CDK8S_OUTDIR 'app' holds '"],
    [
      'a folder holding .git',
      'keep',
      "CDK8S_OUTDIR 'keep' holds '.git', so it is not an output folder",
    ],
    [
      'a folder holding package.json',
      'other-project',
      "holds 'package.json', so it is not an output folder",
    ],
    ['a file', 'README.md', "CDK8S_OUTDIR 'README.md' is a file, not a folder"],
    ['a folder under a file', 'README.md/out', "CDK8S_OUTDIR 'README.md/out' lies under"],
  ])(
    'refuses CDK8S_OUTDIR naming %s in one line, exit 1, touching nothing',
    (_what, outdir, message) => {
      const before = projectFiles(project);
      const homeBefore = snapshotDir(home);
      const result = synth(project, { CDK8S_OUTDIR: outdir, HOME: home });
      expect(result.status).toBe(1);
      expect(result.stderr).toMatch(/^error: CDK8S_OUTDIR '/);
      expect(result.stderr).toContain(message);
      expect(result.stderr.trimEnd().split('\n')).toHaveLength(1);
      expect(projectFiles(project)).toEqual(before);
      expect(snapshotDir(home)).toEqual(homeBefore);
    },
    SLOW,
  );

  test(
    'replaces dist/ and leaves nothing beside it',
    () => {
      const result = synth(project);
      expect(result.stderr).toBe('');
      expect(result.status).toBe(0);
      expect(fs.readdirSync(path.join(project, 'dist'))[0]).toBe(OUTPUT_MARKER);
      expect(fs.readdirSync(project).filter((f) => f.startsWith('.dist'))).toEqual([]);
    },
    SLOW,
  );

  test(
    'fails in one line, without a stack trace, when the app throws a non-Error or has a bug',
    () => {
      const run = (fixture: string, ...args: string[]) =>
        runIn(
          project,
          process.execPath,
          ['scripts/run-ts.mjs', `__tests__/fixtures/${fixture}`, ...args],
          { CDK8S_OUTDIR: path.join(tempDir(), 'dist') },
        );
      const valueThrown = run('throws-value-app.ts');
      expect(valueThrown.status).toBe(1);
      expect(valueThrown.stderr).toBe(
        'error: the program threw { code: 42 }, which is not an Error\n',
      );
      // Options of the wrong shape, even those read to decide the exit code.
      for (const [options, message] of [
        ['null', 'runSynth: options must be runSynth options'],
        ['{"cdk8sCli":"yes"}', "runSynth: options.cdk8sCli must be true or false, got 'yes'"],
      ]) {
        const refused = run('run-synth-options-app.ts', options);
        expect(refused.stderr).toMatch(new RegExp(`^error: ${message}.*\n$`));
        expect(refused.status).toBe(1);
      }
      const bug = run('type-error-app.ts');
      expect(bug.status).toBe(1);
      // The place in the TypeScript source, not in the bundle that ran.
      expect(bug.stderr).toBe(
        "error: TypeError: Cannot read properties of undefined (reading 'replicas') (at __tests__/fixtures/type-error-app.ts:7:45)\n",
      );
    },
    SLOW,
  );
});

describe('a read-only dist/', () => {
  test(
    'is refused with one line, and no staging or retired folder is left beside it',
    () => {
      const project = projectCopy();
      const dist = path.join(project, 'dist');
      const before = snapshotDir(dist);
      // Root may rename a read-only folder, so the synthesis runs as an unprivileged user then.
      const asRoot = process.getuid?.() === 0;
      if (asRoot) fs.chmodSync(path.dirname(project), 0o777);
      fs.chmodSync(project, 0o777);
      fs.chmodSync(dist, 0o555);
      const command = asRoot
        ? ['runuser', ['-u', 'nobody', '--', process.execPath, 'scripts/run-ts.mjs', 'main.ts']]
        : [process.execPath, ['scripts/run-ts.mjs', 'main.ts']];
      const result = runIn(project, command[0] as string, command[1] as string[], {
        HOME: tempDir(),
      });
      fs.chmodSync(dist, 0o755);
      expect(result.status).toBe(1);
      expect(result.stderr).toBe(
        "error: outdir 'dist' is read-only, so its old files could not be removed; make it writable or choose another folder\n",
      );
      expect(snapshotDir(dist)).toEqual(before);
      expect(fs.readdirSync(project).filter((f) => /^\.?dist./.test(f))).toEqual([]);
    },
    SLOW,
  );
});
