/**
 * A POSIX `sh` script (busybox ash runs it too) that runs `psql` with the password read from the
 * file named by `PGPASSWORD_FILE`, through a libpq password file rather than a variable or the
 * command line.
 *
 * Why a wrapper: a Secret volume mounted with an `fsGroup` gives its files mode 0440, and libpq
 * ignores a password file that its group can read. So the script copies the password into a fresh
 * `PGPASSFILE` of mode 0600 in `$TMPDIR` (default `/tmp`, which must be writable), escaping `\`
 * and `:` as the file format requires, unsets `PGPASSWORD`, and then `exec`s `psql` with the
 * script's arguments. Host, port, database and user come from the usual `PG*` variables.
 *
 * Run it as `sh -c PSQL_WITH_PASSWORD_FILE psql <psql arguments>`: the word after the script is
 * `$0`, the rest are passed to `psql`. For example, in a container:
 *
 * ```ts
 * command: ['sh', '-c', PSQL_WITH_PASSWORD_FILE, 'psql', '-v', 'ON_ERROR_STOP=1', '-f', '/sql/migration.sql'],
 * ```
 */
export const PSQL_WITH_PASSWORD_FILE = `set -eu
umask 077
: "\${PGPASSWORD_FILE:?must name the file that holds the database password}"
password=$(cat "$PGPASSWORD_FILE")
case "$password" in
  *"
"*) echo "psql wrapper: $PGPASSWORD_FILE holds more than one line" >&2; exit 1 ;;
  '') echo "psql wrapper: $PGPASSWORD_FILE is empty" >&2; exit 1 ;;
esac
PGPASSFILE=$(mktemp "\${TMPDIR:-/tmp}/pgpass.XXXXXX")
export PGPASSFILE
escaped=$(printf '%s\\n' "$password" | sed -e 's/\\\\/\\\\\\\\/g' -e 's/:/\\\\:/g')
printf '*:*:*:*:%s\\n' "$escaped" > "$PGPASSFILE"
unset PGPASSWORD password escaped
exec psql "$@"
`;
