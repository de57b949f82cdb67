// Issue 15, item 2: a feedback item is linked to the plan's tasks it concerns, so a leader sees on a task what
// citizens and businesses said of it. Linking is not a workflow step (state and version stay), is scoped like the
// item, is made once however often it is sent, and a removed link is dated, not deleted.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, client, ok, unitByCode } from './harness.mjs';

let server;
before(async () => { server = await startServer({ args: ['--scheduler-seconds', '0'] }); });
after(async () => { await server?.stop(); });

test('an item linked to a task shows on the task, for those who see the item', async () => {
  const focal = await client(server, 'haian');
  const haian = await unitByCode(focal, 'P-HAIAN');
  const a = (await ok(focal.get(`/api/v1/assignments?unit_id=${haian.id}&limit=1`), 'assignment')).items[0];
  const item = await ok(focal.post('/api/v1/feedback', { kind: 'kien_nghi', field: 'Chuyển đổi số', title: 'Chậm số hóa hồ sơ',
    text: 'Đề nghị đẩy nhanh số hóa hồ sơ đất đai', sender_type: 'doanh_nghiep', name: 'Công ty An Phát', contact: 'anphat@example.vn',
    consent: true, channel: 'meeting' }), 'desk item');
  assert.deepEqual(item.tasks, []);

  const bad = await focal.post(`/api/v1/feedback/${item.id}/tasks`, { task_id: 999999 });
  assert.equal(bad.status, 400);
  assert.equal(bad.body.error.field, 'task_id');
  assert.match(bad.body.error.message, /nhiệm vụ/i);
  assert.equal((await focal.post(`/api/v1/feedback/${item.id}/tasks`, {})).status, 400);

  const linked = await focal.post(`/api/v1/feedback/${item.id}/tasks`, { task_id: a.task_id });
  assert.equal(linked.status, 200, JSON.stringify(linked.body));
  assert.deepEqual(linked.body.tasks.map((t) => [t.task_id, t.task_code]), [[a.task_id, a.task_code]]);
  assert.equal(linked.body.tasks[0].directive_id, a.directive_id);
  assert.equal(linked.body.version, item.version, 'not a workflow step');
  assert.equal(linked.body.state, item.state);
  const again = await focal.post(`/api/v1/feedback/${item.id}/tasks`, { task_id: a.task_id });
  assert.equal(again.status, 200);
  assert.equal(again.body.tasks.length, 1, 'linked once');

  // On the task: the item, for its unit and the city's leader; not for another commune.
  for (const username of ['haian', 'lanhdao', 'skhcn']) {
    const onTask = await ok((await client(server, username)).get(`/api/v1/feedback?task_id=${a.task_id}`), username);
    assert.deepEqual(onTask.items.map((i) => i.id), [item.id], username);
    assert.equal(onTask.items[0].tasks[0].task_id, a.task_id);
  }
  assert.equal((await ok((await client(server, 'lechan')).get(`/api/v1/feedback?task_id=${a.task_id}`), 'lechan')).total, 0);
  assert.equal((await (await client(server, 'lechan')).post(`/api/v1/feedback/${item.id}/tasks`, { task_id: a.task_id })).status, 404);
  assert.equal((await (await client(server, 'lanhdao')).post(`/api/v1/feedback/${item.id}/tasks`, { task_id: a.task_id })).status, 403);

  // Unlinked: off the task, and unlinking again changes nothing.
  const off = await ok(focal.call('DELETE', `/api/v1/feedback/${item.id}/tasks/${a.task_id}`), 'unlink');
  assert.deepEqual(off.tasks, []);
  assert.equal((await ok(focal.get(`/api/v1/feedback?task_id=${a.task_id}`), 'on task')).total, 0);
  assert.deepEqual((await ok(focal.call('DELETE', `/api/v1/feedback/${item.id}/tasks/${a.task_id}`), 'unlink again')).tasks, []);
  // Linked anew after its removal: a new link, the old one kept with its end.
  const relinked = await ok(focal.post(`/api/v1/feedback/${item.id}/tasks`, { task_id: a.task_id }), 'link anew');
  assert.equal(relinked.tasks.length, 1);
});
