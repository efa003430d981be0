import express from 'express';
import pino from 'pino';
import { z } from 'zod';

const log = pino();
const app = express();
app.use(express.json());

const Greeting = z.object({ name: z.string().min(1) });

app.post('/greet', (req, res) => {
  const parsed = Greeting.safeParse(req.body);
  if (!parsed.success) {
    res.status(400).json(parsed.error.flatten());
    return;
  }
  res.json({ message: `Hello, ${parsed.data.name}!` });
});

const port = Number(process.env.PORT ?? 8080);
app.listen(port, () => log.info({ port }, 'listening'));
