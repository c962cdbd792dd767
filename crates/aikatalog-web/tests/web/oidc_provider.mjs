// A real OpenID Connect provider for the sign-in tests: oauth2-mock-server (npm) with one RSA
// key, serving discovery, JWKS, authorize, token and end-session endpoints. The claims every
// token gets come from the environment (MOCK_CLAIMS, JSON). Run by tests/web/oidc.rs with
// `node --input-type=module -e` in the folder where the package is installed; prints the issuer
// URL, then serves until its standard input closes.
import { OAuth2Server } from 'oauth2-mock-server';

const server = new OAuth2Server();
await server.issuer.keys.generate('RS256');
const claims = JSON.parse(process.env.MOCK_CLAIMS || '{}');
server.service.on('beforeTokenSigning', (token) => {
  Object.assign(token.payload, claims);
});
await server.start(0, '127.0.0.1');
// The address it listens on, not `localhost` (which may resolve to ::1 first).
server.issuer.url = `http://127.0.0.1:${server.address().port}`;
console.log(server.issuer.url);
process.stdin.resume();
process.stdin.on('end', async () => {
  await server.stop();
  process.exit(0);
});
