import { html, type SafeHtml } from '../consent/html';

/** A plain, accessible developer page (documentation, human registration); no external resources. */
export function developerPage(title: string, serverName: string, body: SafeHtml): string {
  return html`<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${title} – ${serverName}</title>
<style>
body{font:16px/1.5 system-ui,sans-serif;margin:0 auto;max-width:52rem;padding:1rem;color:#1a1a1a}
a{color:#0645ad}code,pre{background:#f3f3f3;padding:.1em .3em;border-radius:3px}pre{padding:.75em;overflow:auto}
table{border-collapse:collapse;width:100%}th,td{border:1px solid #ccc;padding:.3em .5em;text-align:left;vertical-align:top;white-space:pre-wrap}
label{display:block;margin-top:.75em;font-weight:600}input[type=text],input[type=email],input[type=url],select{width:100%;padding:.4em;font:inherit}
.error{border-left:4px solid #b00020;padding:.5em 1em;background:#fdecee}button{margin-top:1em;padding:.5em 1.2em;font:inherit}
:focus{outline:3px solid #1a73e8;outline-offset:2px}
</style>
</head>
<body>
<header><p><a href="/docs">${serverName} developer documentation</a></p></header>
<main id="main">
<h1>${title}</h1>
${body}
</main>
</body>
</html>`.toString();
}
