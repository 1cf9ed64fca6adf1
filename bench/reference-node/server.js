// Reference webhook receiver for bench/IngestBench: what a merchant gets from Shopify's own Node stack.
// Express + @shopify/shopify-api's webhooks.validate (HMAC of the raw body plus the required headers), then 200.
// Nothing is stored: this is "validate only", the floor a Node app starts from before doing any work.
//
//   SHOPIFY_API_KEY=... SHOPIFY_API_SECRET=... PORT=3000 node server.js
// Listens on 127.0.0.1 only. Prints "listening on <port>" once ready.
import '@shopify/shopify-api/adapters/node';
import { shopifyApi, ApiVersion } from '@shopify/shopify-api';
import express from 'express';

const secret = process.env.SHOPIFY_API_SECRET;
if (!secret) {
  console.error('SHOPIFY_API_SECRET is required');
  process.exit(2);
}

const shopify = shopifyApi({
  apiKey: process.env.SHOPIFY_API_KEY || 'bench-api-key',
  apiSecretKey: secret,
  scopes: ['read_products'],
  hostName: '127.0.0.1',
  hostScheme: 'http',
  apiVersion: ApiVersion.January26, // the app's SHOPIFY_API_VERSION (2026-01)
  isEmbeddedApp: false,
  logger: { level: 0 }, // errors only
});

const app = express();
app.disable('x-powered-by');

// Shopify's templates read webhook bodies as raw text so the HMAC covers the exact bytes.
app.post('/shopify/webhook', express.text({ type: '*/*', limit: '1mb' }), async (req, res) => {
  try {
    const check = await shopify.webhooks.validate({ rawBody: req.body, rawRequest: req, rawResponse: res });
    if (!check.valid) {
      res.status(check.reason === 'invalid_hmac' ? 401 : 400).json({ error: check.reason });
      return;
    }
    res.status(200).json({ status: 'Accepted.' });
  } catch (e) {
    res.status(500).json({ error: String(e && e.message || e) });
  }
});

const port = Number(process.env.PORT || 3000);
const server = app.listen(port, '127.0.0.1', () => console.log(`listening on ${server.address().port}`));
process.on('SIGTERM', () => server.close(() => process.exit(0)));
