import { escapeHtml } from './html';

/** A `return_to` that stays on this Splunk Web (a path, never another site); the app's root otherwise. */
export function safeReturnTo(value: string | undefined): string {
    return value && /^\/(?!\/)[^\\]*$/.test(value) ? value : '/en-US/app/passivetotal/';
}

/** Splunk Web's login form (the stand-in's plain version of it). */
export function loginPage(returnTo: string, failed: boolean): string {
    return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Login | Splunk stand-in</title></head>
<body style="font: 14px system-ui, sans-serif; max-width: 360px; margin: 80px auto;">
<h1>splunk&gt; stand-in</h1>
${failed ? '<p role="alert" style="color: #b00;">Login failed. The users are admin and analyst, password changeme.</p>' : ''}
<form method="post" action="/en-US/account/login">
  <input type="hidden" name="return_to" value="${escapeHtml(returnTo)}">
  <p><label>Username <input name="username" autocomplete="username" required autofocus></label></p>
  <p><label>Password <input name="password" type="password" autocomplete="current-password" required></label></p>
  <p><button type="submit">Sign In</button></p>
</form>
</body></html>
`;
}
