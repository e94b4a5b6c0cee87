/**
 * The public images the example runs, pinned by tag. Each runs unmodified as a non-root user with
 * a read-only root filesystem, as the restricted Pod Security Standard requires. Swap in your own
 * image through the `image` prop of the construct that uses it.
 */
export const IMAGES = {
  /** nginx built to run as a non-root user on port 8080 (the stock image needs root for port 80). */
  web: 'nginxinc/nginx-unprivileged:1.27.2-alpine',
  /** The next release of the front end, for the blue/green switch. */
  webNext: 'nginxinc/nginx-unprivileged:1.27.3-alpine',
  /** A minimal shell for the helper that copies the site into the shared folder. */
  contentSync: 'busybox:1.36.1',
  /**
   * PostgreSQL; the Alpine variant's `postgres` user is UID/GID 70, which the database pod runs
   * as. Its `psql` also serves the migration Job, the report CronJob and the API's init container.
   */
  database: 'postgres:16.4-alpine',
  /**
   * PostgREST, the REST API over the database's schema `api`: one static binary, no shell. It
   * writes nothing and needs no entry in /etc/passwd, so it runs as any user (10001 here).
   */
  api: 'postgrest/postgrest:v12.2.3',
} as const;
