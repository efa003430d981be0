require('dotenv').config();
const express = require('express');
const cors = require('cors');
const helmet = require('helmet');
const morgan = require('morgan');
const mongoose = require('mongoose');
const orders = require('./orders');

const app = express();
app.use(helmet());
app.use(cors());
app.use(express.json());
app.use(morgan('combined'));
app.use('/orders', orders);
app.get('/health', (_req, res) => res.json({ ok: true }));

const port = process.env.PORT || 3000;
mongoose
  .connect(process.env.MONGO_URL || 'mongodb://mongo:27017/orders')
  .then(() => app.listen(port, () => console.log(`listening on ${port}`)))
  .catch((err) => {
    console.error(err);
    process.exit(1);
  });

module.exports = app;
