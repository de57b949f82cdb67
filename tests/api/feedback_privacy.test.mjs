// Feedback and personal data (issue 15, Decree 13/2023/NĐ-CP): the tracking link e-mailed once when the
// contact is an e-mail address (through the SMTP path reminders use), the public page's limits not applied to
// a desk's entries, and the retention job erasing the sender's name and contact of items closed longer than
// the configured days — the item, its public version and its figures staying.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { setTimeout as sleep } from 'node:timers/promises';
import { startServer, startMailbox, mailText, client, ok } from './harness.mjs';

let mail;
let ip = 1;
const from = () => ({ 'x-real-ip': `10.1.0.${ip++}` });
const item = (over = {}) => ({ kind: 'kien_nghi', field: 'Chuyển đổi số', title: 'Cổng dịch vụ công chậm', text: `Nội dung ${Math.random()}`,
  sender_type: 'nguoi_dan', name: 'Nguyễn Văn An', contact: '0912 345 678', consent: true, ...over });

before(async () => {
  mail = await startMailbox();
});
after(() => { mail?.stop(); });


test('the tracking link is e-mailed when the contact is an address, never when it is a phone; desks are not rate-limited', async () => {
  const server = await startServer({ args: ['--scheduler-seconds', '0', ...mail.args, '--public-url', 'https://tiendo.haiphong.test/', '--feedback-contact-day', '2'] });
  try {
    const anon = await client(server);
    const r = await ok(anon.call('POST', '/api/v1/public/feedback', item({ contact: 'An.Nguyen@Example.vn', title: 'Wi-Fi ở chợ' }), from()), 'submit');
    assert.equal(r.emailed, true);
    assert.equal(r.link, `https://tiendo.haiphong.test/#/gop-y?ma=${r.code}&t=${r.rating_token}`);
    const [body] = await mail.to('an.nguyen@example.vn');
    assert.ok(body.includes(r.link), body);
    assert.match(body, new RegExp(`mã theo dõi ${r.code}`));
    assert.match(body, /trước hết ngày 09\/12\/2026/);
    const phone = await ok(anon.call('POST', '/api/v1/public/feedback', item({ contact: '0913 000 001' }), from()), 'submit phone');
    assert.equal(phone.emailed, false);
    await sleep(300);
    assert.ok(!mail.mails().some((m) => mailText(m).includes(phone.code)));
    // The public page's per-contact limit (2 a day here) refuses a third from the page, not a desk's entries.
    const focal = await client(server, 'haian');
    for (let i = 0; i < 3; i++) {
      const e = await focal.post('/api/v1/feedback', { ...item({ contact: 'thu.gui@example.vn', text: `Thư số ${i}` }), channel: 'letter' });
      assert.equal(e.status, 201, JSON.stringify(e.body));
      assert.equal(e.body.emailed, true);
    }
    assert.equal((await mail.to('thu.gui@example.vn')).length >= 1, true);
    for (let i = 0; i < 2; i++) await ok(anon.call('POST', '/api/v1/public/feedback', item({ contact: '0913 000 002' }), from()), 'page');
    assert.equal((await anon.call('POST', '/api/v1/public/feedback', item({ contact: '0913 000 002' }), from())).status, 429);
  } finally {
    await server.stop();
  }
});

test('retention: names and contacts of items closed more than N days ago are erased by the scheduler, nothing else', async () => {
  // 30 days on 24/11/2026: items closed before 25/10 lose the sender's name and contact at the first run.
  const server = await startServer({ args: ['--scheduler-seconds', '3600', '--feedback-retention-days', '30'] });
  try {
    const agency = await client(server, 'skhcn');
    let items = [];
    for (let i = 0; i < 100; i++) {
      items = (await ok(agency.get('/api/v1/feedback?limit=1000'), 'inbox')).items;
      if (items.some((x) => x.contact_erased_on)) break;
      await sleep(100);
    }
    await sleep(300);  // the run is one transaction: once one is seen, all are
    items = (await ok(agency.get('/api/v1/feedback?limit=1000'), 'inbox')).items;
    const closedOn = async (x) => {
      if (['not_accepted', 'merged', 'forwarded'].includes(x.state)) return x.classified_on;
      if (x.state !== 'published') return null;
      const detail = await ok(agency.get(`/api/v1/feedback/${x.id}`), 'detail');
      return detail.answers.at(-1).published_on;
    };
    let erased = 0, kept = 0;
    for (const x of items) {
      const closed = await closedOn(x);
      const due = closed !== null && closed < '2026-10-25';
      assert.equal(x.contact_erased_on, due ? '2026-11-24' : null, `${x.code} ${x.state} closed ${closed}`);
      if (due) {
        erased++;
        assert.deepEqual(x.sender, { name: null, contact: null });
      } else {
        kept++;
        assert.ok(x.sender.contact, `${x.code} lost its contact`);
      }
    }
    assert.ok(erased > 50 && kept > 10, `${erased} erased, ${kept} kept`);
    // Each erasure is in the audit log; the public answers never name an erased sender.
    const audit = await ok(agency.get('/api/v1/audit?entity=feedback_item&limit=1000'), 'audit');
    assert.equal(audit.items.filter((e) => e.action === 'erase_contact').length, erased);
    const anon = await client(server);
    const answers = await ok(anon.get('/api/v1/public/answered-feedback?limit=1000'), 'answers');
    const gone = new Set(items.filter((x) => x.contact_erased_on).map((x) => x.code));
    for (const a of answers.items) if (gone.has(a.code)) assert.equal(a.sender_name, null, a.code);
    // The figures count the same items as before: erasing a contact changes no figure.
    const fig = await ok(agency.get('/api/v1/feedback-figures?as_of=2026-11-24'), 'figures');
    assert.equal(fig.total.received, items.length);
  } finally {
    await server.stop();
  }
});
