/** The front end's page, which the `web-content` ConfigMap carries into the pods. */
export const INDEX_HTML = `<!doctype html>
<html lang="en">
  <head>
    <meta charset="utf-8" />
    <title>Stock Trader</title>
    <style>
      body { font-family: system-ui, sans-serif; margin: 3rem auto; max-width: 40rem; }
      td, th { border-bottom: 1px solid #ddd; padding: 0.5rem; text-align: left; }
    </style>
  </head>
  <body>
    <h1>Stock Trader</h1>
    <p>A simple Robinhood-style app, served by nginx from a folder that a helper keeps in sync.</p>
    <table>
      <tr><th>Symbol</th><th>Company</th></tr>
      <tr><td>ACME</td><td>Acme Corporation</td></tr>
      <tr><td>INIT</td><td>Initech</td></tr>
      <tr><td>GLBX</td><td>Globex</td></tr>
    </table>
  </body>
</html>
`;
