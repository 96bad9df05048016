// A real OpenID Connect provider (npm oidc-provider) on 127.0.0.1 for the single sign-on tests:
// one confidential client for vangnet, its own login form (any password; the login name picks
// the account below), and a hook that lets a test rewrite the ID token in the token response
// the way an attacker on the wire or a misconfigured provider would.
import { createServer } from "node:http";
import Provider from "oidc-provider";
import { generateKeyPair, exportJWK } from "jose";

// The organisation's people: login name -> claims. `groups` is what vangnet maps to a role.
export const ACCOUNTS = {
  "coordinator@zorggroep.test": { name: "Carla Coördinator", groups: ["vangnet-coordinatoren"], mfa: true },
  "praktijk@zorggroep.test": { name: "Pieter Praktijk", groups: ["praktijk-01234567"], mfa: true },
  "zonderrol@zorggroep.test": { name: "Zonder Rol", groups: ["kantine"], mfa: true },
  "eenfactor@zorggroep.test": { name: "Een Factor", groups: ["vangnet-coordinatoren"], mfa: false },
};

export async function startOidcProvider({ clientId, clientSecret, redirectUri }) {
  const { privateKey, publicKey } = await generateKeyPair("RS256", { extractable: true });
  const signingJwk = { ...(await exportJWK(privateKey)), kid: "signing-1", alg: "RS256", use: "sig" };
  const http = createServer();
  await new Promise((resolve) => http.listen(0, "127.0.0.1", resolve));
  const issuer = `http://127.0.0.1:${http.address().port}`;
  const provider = new Provider(issuer, {
    clients: [{ client_id: clientId, client_secret: clientSecret, redirect_uris: [redirectUri],
                response_types: ["code"], grant_types: ["authorization_code"] }],
    jwks: { keys: [signingJwk] },
    pkce: { required: () => true },
    scopes: ["openid", "profile"],
    claims: { openid: ["sub", "amr"], profile: ["name", "preferred_username", "groups"] },
    cookies: { keys: ["vangnet-test-cookie-key"] },
    ttl: { AccessToken: 600, AuthorizationCode: 60, Grant: 600, IdToken: 600, Interaction: 600, Session: 600 },
    // The ID token itself carries the profile and groups (as Entra ID does when configured so).
    conformIdTokenClaims: false,
    features: { devInteractions: { enabled: false } },
    interactions: { url: (_ctx, interaction) => `/interaction/${interaction.uid}` },
    // vangnet is a first-party client: no consent screen.
    loadExistingGrant: async (ctx) => {
      const grant = new ctx.oidc.provider.Grant({ clientId: ctx.oidc.client.clientId, accountId: ctx.oidc.session.accountId });
      grant.addOIDCScope("openid profile");
      await grant.save();
      return grant;
    },
    findAccount: async (_ctx, id) => ({
      accountId: id,
      claims: async () => ({ sub: id, preferred_username: id, name: ACCOUNTS[id]?.name ?? id, groups: ACCOUNTS[id]?.groups ?? [] }),
    }),
  });
  let tamper = null;
  provider.use(async (ctx, next) => {
    await next();
    if (ctx.path === "/token" && tamper && ctx.body?.id_token) ctx.body = { ...ctx.body, id_token: await tamper(ctx.body.id_token, signingJwk) };
  });
  const callback = provider.callback();
  http.on("request", async (req, res) => {
    const match = req.url.match(/^\/interaction\/([\w-]+)$/);
    if (!match) return callback(req, res);
    try {
      await provider.interactionDetails(req, res);
      if (req.method === "GET") {
        res.setHeader("Content-Type", "text/html; charset=utf-8");
        return res.end(`<!doctype html><title>Zorggroep login</title><h1>Zorggroep</h1>
          <form method="post"><label>Naam <input name="login" autofocus></label>
          <label>Wachtwoord <input name="password" type="password"></label>
          <button type="submit">Inloggen</button></form>`);
      }
      let body = "";
      for await (const chunk of req) body += chunk;
      const login = new URLSearchParams(body).get("login") ?? "";
      const amr = ACCOUNTS[login]?.mfa ? ["pwd", "mfa"] : ["pwd"];
      await provider.interactionFinished(req, res, { login: { accountId: login, amr } }, { mergeWithLastSubmission: false });
    } catch (error) {
      res.statusCode = 400;
      res.end(String(error));
    }
  });
  return {
    issuer, provider, signingJwk, publicKey,
    setTamper(fn) { tamper = fn; },
    close: () => new Promise((resolve) => { http.closeAllConnections?.(); http.close(resolve); }),
  };
}
