/**
 * Renders a template the way the nginx image's `20-envsubst-on-templates.sh` does: it runs
 * gettext's `envsubst` with the list of variables defined in the environment, so `$NAME` and
 * `${NAME}` are replaced only for names in that list, and everything else (nginx's own `$host`,
 * `$uri`, an undefined `${API_URL}`) is left exactly as written.
 *
 * Like `envsubst`, a name is a letter or `_` followed by letters, digits or `_`, and the braced
 * form takes no defaults (`${NAME:-x}` is left alone). A defined variable may be empty.
 *
 * @param template the template's text
 * @param variables the defined variables, by name
 * @returns the rendered text
 */
export function envsubst(template: string, variables: Readonly<Record<string, string>>): string {
  return template.replace(
    /\$(?:\{([A-Za-z_][A-Za-z0-9_]*)\}|([A-Za-z_][A-Za-z0-9_]*))/g,
    (whole: string, braced: string | undefined, bare: string | undefined) => {
      const name = braced ?? bare ?? '';
      return Object.hasOwn(variables, name) ? variables[name] : whole;
    },
  );
}
