// A real OpenID Connect provider for the sign-in tests: oauth2-mock-server (npm) with one RSA
// key, serving discovery, JWKS, authorize, token and end-session endpoints. The claims every
// token gets come from the environment (MOCK_CLAIMS, JSON), and are replaced by each JSON line
// written to its standard input (the browser test signs in as several people). Run by
// tests/web/oidc.rs with
// `node --input-type=module -e` in the folder where the package is installed; prints the issuer
// URL, then serves until its standard input closes.
import { OAuth2Server } from 'oauth2-mock-server';

const server = new OAuth2Server();
await server.issuer.keys.generate('RS256');
let claims = JSON.parse(process.env.MOCK_CLAIMS || '{}');
server.service.on('beforeTokenSigning', (token) => {
  Object.assign(token.payload, claims);
});
await server.start(0, '127.0.0.1');
// The address it listens on, not `localhost` (which may resolve to ::1 first).
server.issuer.url = `http://127.0.0.1:${server.address().port}`;
console.log(server.issuer.url);
process.stdin.setEncoding('utf8');
let pending = '';
process.stdin.on('data', (chunk) => {
  pending += chunk;
  let end;
  while ((end = pending.indexOf('\n')) >= 0) {
    const line = pending.slice(0, end).trim();
    pending = pending.slice(end + 1);
    if (line) {
      claims = JSON.parse(line);
      // Said on stdout, so the test knows the next token carries them.
      console.log('claims ' + line);
    }
  }
});
process.stdin.on('end', async () => {
  await server.stop();
  process.exit(0);
});
