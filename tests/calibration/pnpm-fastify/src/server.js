import 'dotenv/config';
import Fastify from 'fastify';
import cors from '@fastify/cors';
import { z } from 'zod';

const app = Fastify({ logger: true });
await app.register(cors);
const Item = z.object({ sku: z.string(), qty: z.number().int().positive() });
app.post('/items', async (req, reply) => {
  const item = Item.parse(req.body);
  return reply.code(201).send(item);
});
await app.listen({ port: Number(process.env.PORT ?? 3000), host: '0.0.0.0' });
