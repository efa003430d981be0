const express = require('express');
const axios = require('axios');
const dayjs = require('dayjs');
const { v4: uuid } = require('uuid');
const winston = require('winston');

const log = winston.createLogger({ transports: [new winston.transports.Console()] });
const app = express();
app.use(express.json());
app.post('/notify', async (req, res) => {
  const id = uuid();
  log.info({ id, at: dayjs().toISOString() });
  await axios.post(process.env.HOOK_URL || 'http://localhost:9/hook', { id, ...req.body }).catch(() => {});
  res.status(202).json({ id });
});
app.listen(process.env.PORT || 3000);
