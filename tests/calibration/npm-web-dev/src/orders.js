const express = require('express');
const Joi = require('joi');
const jwt = require('jsonwebtoken');

const router = express.Router();
const schema = Joi.object({ item: Joi.string().required(), qty: Joi.number().integer().min(1) });

function auth(req, res, next) {
  try {
    req.user = jwt.verify((req.headers.authorization || '').replace('Bearer ', ''), process.env.JWT_SECRET);
    next();
  } catch {
    res.status(401).end();
  }
}

router.post('/', auth, (req, res) => {
  const { error, value } = schema.validate(req.body);
  if (error) return res.status(400).json({ error: error.message });
  return res.status(201).json({ ...value, user: req.user.sub });
});

module.exports = router;
