/**
 * A POSIX `sh` script (busybox ash runs it too) that waits until the role in `PGUSER` can log in
 * to the database, trying every 2 seconds through the password-file wrapper, and then exits 0.
 *
 * Why: PostgREST logs in as `authenticator`, which the migration Job creates. Run as PostgREST's
 * init container, this keeps PostgREST from starting (and from failing its login) until the
 * migration has run, and its log says what the pod waits for.
 *
 * Run it with the wrapper as its `$0`, so the wrapper's text is passed as it is, never quoted
 * again; each try gets a fresh `TMPDIR` for the wrapper's password file, removed afterwards:
 *
 * ```ts
 * command: ['sh', '-c', WAIT_FOR_LOGIN, PSQL_WITH_PASSWORD_FILE],
 * ```
 */
export const WAIT_FOR_LOGIN = `while :; do
  dir=$(mktemp -d)
  if TMPDIR="$dir" sh -c "$0" psql -X -q -c 'SELECT 1' >/dev/null; then
    rm -rf "$dir"
    echo "$PGUSER logs in to $PGDATABASE"
    exit 0
  fi
  rm -rf "$dir"
  echo "waiting until $PGUSER can log in to $PGDATABASE (the migration Job creates it)" >&2
  sleep 2
done
`;
