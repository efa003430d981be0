const request = require('supertest');
const app = require('../src/server');

test('health', async () => {
  const res = await request(app).get('/health');
  expect(res.body.ok).toBe(true);
});
