// mail: a campaign of N personalized invitations (default 100,000), rendered and delivered through the
// queue to a local SMTP sink, as production runs it: one api process (ROLE=api) and --workers worker
// processes (ROLE=worker, `node backend/dist/worker.js`), PostgreSQL, BullMQ on a private Redis (or on
// PostgreSQL with --queue postgres), LOG_LEVEL=warn. Messages/s from the schedule request to the last
// message counted at the sink; the workers' RSS sampled during the run. Baseline in the same run, to the
// same sink: one process sending the same invitations pre-rendered (subject, html, text and headers
// taken from real ones the sink received) in a loop through nodemailer's pooled transport (5
// connections), a bounded number in flight. Rounds alternate baseline and ours; medians are reported.
//   npm run bench -- mail [--size 100000] [--rounds 3] [--workers 2] [--queue redis|postgres]
//                         [--concurrency 20] [--warmup 2000] [--nodelay baseline|all|none]
//                         [--workerConcurrency n] [--profile <dir>]
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import nodemailer from 'nodemailer';
import { simpleParser } from 'mailparser';
import pg from 'pg';
import { cpuSeconds, createDatabase, freePort, machine, median, parseArgs, spawnReady, summary, tempDir } from './lib.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, '..', '..');
const options = parseArgs(process.argv.slice(2), { size: 100_000, rounds: 3, workers: 2, queue: 'redis', concurrency: 20, warmup: 2000, nodelay: 'baseline', workerConcurrency: 0, profile: '' });
if (!['baseline', 'all', 'none'].includes(options.nodelay)) throw new Error('--nodelay is baseline, all or none');
const now = () => performance.timeOrigin + performance.now();
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
const mb = (kb) => `${Math.round(kb / 1024)} MB`;
const fmt = (n) => Math.round(n).toLocaleString('en-US');

// ---------------------------------------------------------------------------------------------------
// Processes: /proc readings for memory and CPU.

function rssKb(pid) {
  try {
    return Number(/VmRSS:\s+(\d+)/.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'))[1]);
  } catch {
    return 0;
  }
}
const cpuOf = (pids) => pids.reduce((sum, pid) => sum + cpuSeconds(pid), 0);

/** Spawns any command and resolves once its output matches `ready` (spawnReady is for node scripts). */
function spawnCommandReady(command, args, ready) {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    const onData = (chunk) => {
      output += chunk.toString();
      if (ready.test(output)) {
        child.stdout.off('data', onData);
        child.stdout.resume();
        child.stderr.resume();
        resolve({ child, stop: () => new Promise((r) => (child.exitCode !== null ? r() : (child.once('exit', r), child.kill('SIGTERM')))) });
      }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', (chunk) => (output += chunk.toString()));
    child.once('error', reject);
    child.once('exit', (code) => reject(new Error(`${command} exited (${code}) before ready:\n${output}`)));
  });
}

// ---------------------------------------------------------------------------------------------------
// The people: companies and contacts written directly (the pasted-list audience stops at 10,000).

const CN_CITIES = ['上海', '北京', '深圳', '苏州', '杭州', '广州', '南京', '成都', '武汉', '天津', '宁波', '无锡', '合肥', '西安', '青岛', '长沙'];
const CN_STEMS = [['恒瑞', 'hengrui'], ['华创', 'huachuang'], ['中科', 'zhongke'], ['星河', 'xinghe'], ['联升', 'liansheng'], ['博远', 'boyuan'], ['汇通', 'huitong'], ['天成', 'tiancheng'], ['科达', 'keda'], ['新元', 'xinyuan'], ['鼎信', 'dingxin'], ['海纳', 'haina'], ['金桥', 'jinqiao'], ['众合', 'zhonghe'], ['瑞丰', 'ruifeng'], ['凯盛', 'kaisheng'], ['长风', 'changfeng'], ['宏图', 'hongtu'], ['远景', 'yuanjing'], ['正泰', 'zhengtai']];
const CN_SUFFIXES = ['智能装备有限公司', '科技股份有限公司', '汽车零部件有限公司', '新能源有限公司', '医疗器械有限公司', '物流集团有限公司', '电子科技有限公司', '精密制造有限公司'];
const EN_FIRST_STEMS = ['North', 'Blue', 'Silver', 'Bright', 'Iron', 'Summit', 'Clear', 'Stone', 'River', 'Cedar', 'Harbor', 'Granite', 'Falcon', 'Golden', 'Cobalt', 'Apex', 'Atlas', 'Beacon', 'Meridian', 'Pioneer'];
const EN_SECOND_STEMS = ['wind', 'peak', 'bridge', 'field', 'gate', 'point', 'works', 'light', 'forge', 'port', 'haven', 'core'];
const EN_SUFFIXES = ['Robotics', 'Systems', 'Logistics', 'Energy', 'Medical', 'Automotive', 'Electronics', 'Industries'];
const INDUSTRIES = ['manufacturing', 'manufacturing', 'manufacturing', 'automotive', 'energy_utilities', 'healthcare', 'logistics', 'software', 'retail_consumer', 'financial_services'];
const CN_SURNAMES = [['王', 'wang'], ['李', 'li'], ['张', 'zhang'], ['刘', 'liu'], ['陈', 'chen'], ['杨', 'yang'], ['黄', 'huang'], ['赵', 'zhao'], ['吴', 'wu'], ['周', 'zhou'], ['徐', 'xu'], ['孙', 'sun'], ['马', 'ma'], ['朱', 'zhu'], ['胡', 'hu'], ['郭', 'guo'], ['何', 'he'], ['林', 'lin']];
const CN_GIVEN = [['伟', 'wei'], ['芳', 'fang'], ['娜', 'na'], ['敏', 'min'], ['静', 'jing'], ['磊', 'lei'], ['强', 'qiang'], ['洋', 'yang'], ['艳', 'yan'], ['杰', 'jie'], ['涛', 'tao'], ['明', 'ming'], ['超', 'chao'], ['秀英', 'xiuying'], ['建华', 'jianhua'], ['志强', 'zhiqiang'], ['海燕', 'haiyan'], ['俊杰', 'junjie'], ['晓东', 'xiaodong'], ['雪梅', 'xuemei']];
const EN_FIRST = ['James', 'Michael', 'Robert', 'David', 'William', 'Daniel', 'Andrew', 'Kevin', 'Jennifer', 'Sarah', 'Jessica', 'Emily', 'Rachel', 'Olivia', 'Emma', 'Sophie', 'Priya', 'Maria', 'Thomas', 'Grace'];
const EN_LAST = ['Smith', 'Johnson', 'Williams', 'Brown', 'Miller', 'Davis', 'Garcia', 'Wilson', 'Anderson', 'Taylor', 'Moore', 'Martin', 'Lee', 'Clark', 'Walker', 'Young', 'Patel', 'Nguyen', 'Kim', 'Hughes'];
const DEPARTMENTS = [['信息技术部', 'IT'], ['数字化转型办公室', 'Digital Transformation'], ['生产运营部', 'Operations'], ['采购部', 'Procurement'], ['研发中心', 'R&D'], ['财务部', 'Finance']];
// Seniority by percentile: 5% C-level, 8% VP, 17% director, 25% manager, 25% senior, 20% entry.
const SENIORITY_CUTS = [[5, 'c_level'], [13, 'vp'], [30, 'director'], [55, 'manager'], [80, 'senior'], [100, 'entry']];
const TITLES = {
  c_level: [['首席信息官', 'Chief Information Officer'], ['首席技术官', 'Chief Technology Officer'], ['首席数字官', 'Chief Digital Officer'], ['首席运营官', 'Chief Operating Officer']],
  vp: [['信息化副总裁', 'VP of IT'], ['运营副总裁', 'VP Operations'], ['技术副总裁', 'VP Engineering']],
  director: [['IT总监', 'IT Director'], ['数字化总监', 'Director of Digital'], ['生产总监', 'Plant Director'], ['采购总监', 'Procurement Director']],
  manager: [['信息部经理', 'IT Manager'], ['项目经理', 'Project Manager'], ['生产经理', 'Operations Manager'], ['采购经理', 'Procurement Manager']],
  senior: [['高级工程师', 'Senior Engineer'], ['资深架构师', 'Solution Architect'], ['高级数据分析师', 'Senior Data Analyst']],
  entry: [['工程师', 'Engineer'], ['数据分析师', 'Data Analyst'], ['IT专员', 'IT Specialist']],
};
const BUYING_ROLES = { c_level: 'decision_maker', vp: 'decision_maker', director: 'influencer', manager: 'champion', senior: 'user', entry: 'user' };
const SALES_OWNERS = [['张伟', 'zhang.wei'], ['李娜', 'li.na'], ['陈晓东', 'chen.xiaodong'], ['Grace Liu', 'grace.liu'], ['Michael Chen', 'michael.chen'], ['王芳', 'wang.fang']];

async function seedPeople(db, size) {
  const companies = Math.ceil(size / 8);
  const owners = [];
  for (const [name, login] of SALES_OWNERS) {
    const [row] = (
      await db.query(`INSERT INTO users (email, name, role, locale) VALUES ($1, $2, 'sales', $3) RETURNING id`, [`${login}@fulcrum.example.com`, name, /[a-z]/i.test(name) ? 'en' : 'zh-CN'])
    ).rows;
    owners.push(row.id);
  }
  // pick(array, n): a well-spread element of a text[] parameter for the integer n.
  const pick = (param, n) => `(${param})[1 + (abs(hashint4(${n})) % array_length(${param}, 1))]`;
  // A quarter of the companies are international (English names, English-speaking contacts); 70% have a sales owner.
  await db.query(
    `INSERT INTO companies (id, name, normalized_name, domain, industry, employees, country, city, tier, sales_owner_id, source)
     SELECT md5('company' || g)::uuid, x.name, lower(replace(x.name, ' ', '')), x.domain, ${pick('$1::text[]', 'g * 3')},
            50 + abs(hashint4(g * 5)) % 20000, CASE WHEN g % 4 = 0 THEN 'US' ELSE 'CN' END, x.city,
            (ARRAY['ka', 'growth', 'standard', 'standard'])[1 + abs(hashint4(g * 7)) % 4],
            CASE WHEN abs(hashint4(g * 11)) % 10 < 7 THEN ${pick('$2::uuid[]', 'g * 13')} END, 'bench'
     FROM generate_series(1, $3::int) g,
     LATERAL (SELECT CASE WHEN g % 4 = 0
                   THEN ${pick('$4::text[]', 'g')} || ${pick('$5::text[]', 'g * 17')} || ' ' || ${pick('$6::text[]', 'g * 19')}
                   ELSE ${pick('$7::text[]', 'g')} || ${pick('$8::text[]', 'g * 17')} || ${pick('$9::text[]', 'g * 19')} END AS name,
                 CASE WHEN g % 4 = 0
                   THEN lower(${pick('$4::text[]', 'g')} || ${pick('$5::text[]', 'g * 17')}) || g || '.example.com'
                   ELSE ${pick('$10::text[]', 'g * 17')} || g || '.example.cn' END AS domain,
                 CASE WHEN g % 4 = 0 THEN 'Austin' ELSE ${pick('$7::text[]', 'g')} END AS city) x`,
    [INDUSTRIES, owners, companies, EN_FIRST_STEMS, EN_SECOND_STEMS, EN_SUFFIXES, CN_CITIES, CN_STEMS.map((s) => s[0]), CN_SUFFIXES, CN_STEMS.map((s) => s[1])],
  );
  const seniorityCase = `CASE ${SENIORITY_CUTS.map(([cut, s]) => `WHEN abs(hashint4(g * 23)) % 100 < ${cut} THEN '${s}'`).join(' ')} END`;
  const titleCase = (lang) =>
    `CASE s.seniority ${Object.entries(TITLES)
      .map(([s, titles]) => `WHEN '${s}' THEN (ARRAY[${titles.map((t) => `'${t[lang]}'`).join(', ')}])[1 + abs(hashint4(g * 29)) % ${titles.length}]`)
      .join(' ')} END`;
  // Contacts: 8 per company; an international company's contacts and 5% of the others read English.
  await db.query(
    `INSERT INTO contacts (company_id, name, email, title, department, seniority, buying_role, locale, consent)
     SELECT md5('company' || s.company)::uuid, s.name, s.email,
            CASE WHEN s.english THEN ${titleCase(1)} ELSE ${titleCase(0)} END,
            CASE WHEN s.english THEN ${pick('$6::text[]', 'g * 31')} ELSE ${pick('$5::text[]', 'g * 31')} END,
            s.seniority, (${`CASE s.seniority ${Object.entries(BUYING_ROLES).map(([k, v]) => `WHEN '${k}' THEN '${v}'`).join(' ')} END`}),
            CASE WHEN s.english THEN 'en' ELSE 'zh-CN' END,
            CASE WHEN g % 3 = 0 THEN 'opt_in' ELSE 'legitimate_interest' END
     FROM generate_series(1, $1::int) g,
     LATERAL (SELECT 1 + (g - 1) % $2::int AS company) c,
     LATERAL (SELECT c.company, ${seniorityCase} AS seniority, (c.company % 4 = 0 OR g % 20 = 0) AS english) e,
     LATERAL (SELECT e.company, e.seniority, e.english,
                     CASE WHEN e.english THEN ${pick('$7::text[]', 'g * 37')} || ' ' || ${pick('$8::text[]', 'g * 41')}
                          ELSE ${pick('$3::text[]', 'g * 37')} || ${pick('$4::text[]', 'g * 41')} END AS name,
                     CASE WHEN e.english THEN lower(${pick('$7::text[]', 'g * 37')} || '.' || ${pick('$8::text[]', 'g * 41')})
                          ELSE ${pick('$10::text[]', 'g * 41')} || '.' || ${pick('$9::text[]', 'g * 37')} END
                       || '.' || g || '@' || (SELECT domain FROM companies WHERE id = md5('company' || e.company)::uuid) AS email) s`,
    [
      size,
      companies,
      CN_SURNAMES.map((n) => n[0]),
      CN_GIVEN.map((n) => n[0]),
      DEPARTMENTS.map((d) => d[0]),
      DEPARTMENTS.map((d) => d[1]),
      EN_FIRST,
      EN_LAST,
      CN_SURNAMES.map((n) => n[1]),
      CN_GIVEN.map((n) => n[1]),
    ],
  );
  await db.query(`ANALYZE companies; ANALYZE contacts`);
  return (await db.query(`SELECT count(*)::int AS n, count(*) FILTER (WHERE locale = 'en')::int AS en, count(*) FILTER (WHERE seniority IN ('c_level', 'vp'))::int AS execs FROM contacts`)).rows[0];
}

// ---------------------------------------------------------------------------------------------------
// The campaign: a realistic invitation (Chinese default text, an English variant, an executives' one).

const BODY = `尊敬的{{name}}：

您好！感谢{{company}}一直以来对我们的关注与支持。我们诚挚邀请您{{#if title}}（{{title}}）{{/if}}出席{{eventTitle}}。

本届峰会以“数据驱动的智能制造”为主题，汇聚来自制造、能源、汽车与物流行业的两百余位技术与业务负责人，围绕工业大模型落地、设备预测性维护、供应链协同与数据治理四个方向，分享真实项目中的经验与教训。

时间：{{eventWhen}}
地点：{{eventVenue}}

会议亮点：
一、主论坛：三位行业首席信息官对谈“从试点到规模化：工业智能的投入产出如何算清楚”；
二、分论坛：预测性维护、质量检测、能耗优化与智能排产四个专场，每场均有客户现场分享；
三、动手实验室：现场演示基于生产数据的异常检测与根因分析，参会者可带走完整的实验手册；
四、闭门交流：限额三十人的圆桌，与同行深入讨论数据平台选型与组织建设。

完整议程请见 https://www.example.com/summit/2027/agenda ，演讲嘉宾介绍请见 https://www.example.com/summit/2027/speakers 。

席位有限，点击下方按钮即可一键报名，系统已为您预填姓名、公司与职位。如需协助安排行程或有任何疑问，欢迎随时联系{{#if salesOwner}}您的客户经理{{salesOwner}}{{else}}我们的会务团队{{/if}}。

期待与您在现场相见！

Fulcrum 市场部
会务热线：400-820-1234（工作日 9:00–18:00）
交通指引：https://www.example.com/summit/2027/venue`;

const EXEC_BODY = `尊敬的{{name}}：

您好！作为{{company}}的{{title}}，您对企业数字化与智能化转型的判断，正是本届{{eventTitle}}最希望听到的声音。我们为您预留了贵宾席位，并诚邀您出席峰会当天下午的首席信息官闭门圆桌。

时间：{{eventWhen}}
地点：{{eventVenue}}

圆桌限额二十席，将围绕三个议题展开：工业大模型的投入产出如何衡量；数据平台与组织能力如何同步建设；如何在集团层面推广已经验证的试点项目。圆桌采用查塔姆宫规则，不录音、不对外发布。

峰会当晚另设贵宾晚宴，与主讲嘉宾及部分行业领袖交流。贵宾议程请见 https://www.example.com/summit/2027/vip ，主论坛议程请见 https://www.example.com/summit/2027/agenda 。

点击下方按钮即可一键确认席位。{{#if salesOwner}}您的客户经理{{salesOwner}}将与您的助理确认行程与接送安排。{{else}}我们的贵宾接待团队将与您的助理确认行程与接送安排。{{/if}}

恭候您的光临！

Fulcrum 市场部
贵宾接待：400-820-1234 转 8`;

const EN_BODY = `Dear {{firstName}},

Thank you for the interest {{company}} has shown in our work. We would like to invite you{{#if title}}, as {{title}},{{/if}} to {{eventTitle}}.

This year's theme is data-driven manufacturing. More than two hundred technology and business leaders from manufacturing, energy, automotive and logistics will share what worked, and what did not, in four tracks: industrial foundation models in production, predictive maintenance, supply-chain collaboration and data governance.

When: {{eventWhen}}
Where: {{eventVenue}}

Highlights:
1. Keynote panel: three CIOs on "From pilot to scale: measuring the return of industrial AI".
2. Breakout tracks on predictive maintenance, visual inspection, energy optimization and smart scheduling, each with a customer on stage.
3. Hands-on lab: anomaly detection and root-cause analysis on real production data; take the lab manual home.
4. Closed-door roundtable (30 seats) on data platform choices and building the team around them.

The full agenda is at https://www.example.com/summit/2027/agenda and the speakers at https://www.example.com/summit/2027/speakers.

Seats are limited. The button below registers you in one click, with your name, company and title already filled in. For help with travel or any question, contact {{#if salesOwner}}your account manager {{salesOwner}}{{else}}our events team{{/if}}.

We look forward to seeing you there.

The Fulcrum marketing team
Directions: https://www.example.com/summit/2027/venue`;

function campaignBody(eventId, audience, name) {
  return {
    name,
    eventId,
    audience,
    subject: '{{firstName}}，诚邀您出席{{eventTitle}}',
    body: BODY,
    variants: [
      { name: 'English', field: 'locale', values: ['en'], subject: '{{firstName}}, you are invited to {{eventTitle}}', body: EN_BODY },
      { name: 'Executives', field: 'seniority', values: ['c_level', 'vp'], subject: '{{name}}，为您预留{{eventTitle}}贵宾席位', body: EXEC_BODY },
    ],
    ratePerMinute: null,
  };
}

// ---------------------------------------------------------------------------------------------------

const database = await createDatabase();
const stops = [];
const dataDir = tempDir('mail');
try {
  const started = performance.now();
  // The sink, on its own process.
  const smtpPort = await freePort();
  const sinkHttpPort = await freePort();
  const sinkProcess = await spawnReady([path.join(here, 'smtp-sink-server.mjs')], { SMTP_PORT: String(smtpPort), HTTP_PORT: String(sinkHttpPort) }, /smtp sink ready/, { cwd: root });
  stops.push(sinkProcess.stop);
  const sinkUrl = `http://127.0.0.1:${sinkHttpPort}`;
  const sink = {
    stats: async () => (await fetch(`${sinkUrl}/stats`)).json(),
    reset: async (keep = 1) => (await fetch(`${sinkUrl}/reset?keep=${keep}`, { method: 'POST' })).json(),
    sample: async (i) => {
      const response = await fetch(`${sinkUrl}/sample?i=${i}`);
      return response.ok ? Buffer.from(await response.arrayBuffer()) : null;
    },
  };

  // A private Redis for BullMQ (as deployed), so nothing else on this machine shares its keys.
  let redisUrl;
  let redisPid = null;
  if (options.queue === 'redis') {
    const port = await freePort();
    const redis = await spawnCommandReady('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--maxmemory-policy', 'noeviction'], /Ready to accept connections/);
    stops.push(redis.stop);
    redisUrl = `redis://127.0.0.1:${port}`;
    redisPid = redis.child.pid;
  } else if (options.queue !== 'postgres') throw new Error('--queue is redis or postgres');

  // --nodelay all: the workers' sockets without Nagle's algorithm (TCP_NODELAY on every socket they
  // open; PostgreSQL's and Redis's clients set it already, so in effect on the SMTP connections only).
  const nodelayPreload = path.join(dataDir, 'nodelay.cjs');
  fs.writeFileSync(
    nodelayPreload,
    `const net = require('node:net');
for (const name of ['connect', 'createConnection']) {
  const original = net[name];
  net[name] = function (...args) { return original.apply(this, args).setNoDelay(true); };
}
`,
  );
  const apiPort = await freePort();
  const env = {
    NODE_ENV: 'production',
    DATABASE_URL: database.url,
    REDIS_URL: redisUrl ?? '',
    SMTP_URL: `smtp://127.0.0.1:${smtpPort}`,
    MAIL_FROM: 'Fulcrum Events <events@fulcrum.example.com>',
    JWT_SECRET: 'm'.repeat(40),
    PUBLIC_URL: 'https://events.example.com',
    LOG_LEVEL: 'warn',
    DATA_DIR: dataDir,
    QUEUE_PREFIX: 'bench',
    PORT: String(apiPort),
  };
  const api = await spawnReady([path.join(root, 'backend', 'dist', 'main.js')], { ...env, ROLE: 'api' }, /Fulcrum is running at/, { cwd: root });
  stops.push(api.stop);
  const workers = [];
  for (let i = 0; i < options.workers; i++) {
    // --workerConcurrency n: WORKER_CONCURRENCY of the workers (jobs at once per queue; the app's default is 8).
    const workerEnv = { ...env, ROLE: 'worker', ...(options.workerConcurrency > 0 && { WORKER_CONCURRENCY: String(options.workerConcurrency) }) };
    const nodeOptions = [process.env.NODE_OPTIONS ?? ''];
    if (options.nodelay === 'all') nodeOptions.push(`--require=${nodelayPreload}`);
    workerEnv.NODE_OPTIONS = nodeOptions.join(' ').trim();
    // --profile <dir>: a CPU profile of each worker, written when it stops (open it in Chrome DevTools).
    const profile = options.profile ? ['--cpu-prof', `--cpu-prof-dir=${path.resolve(options.profile)}`] : [];
    if (options.profile) fs.mkdirSync(options.profile, { recursive: true });
    const worker = await spawnReady([...profile, path.join(root, 'backend', 'dist', 'worker.js')], workerEnv, /worker running/, { cwd: root });
    workers.push(worker);
    stops.unshift(worker.stop); // workers stop first
  }
  const workerPids = workers.map((w) => w.child.pid);

  const base = `http://127.0.0.1:${apiPort}`;
  const json = { 'content-type': 'application/json' };
  const setup = await fetch(`${base}/api/v1/setup`, {
    method: 'POST',
    headers: json,
    body: JSON.stringify({ email: 'marketing@fulcrum.example.com', name: '市场部 Marketing', password: 'bench password', locale: 'zh-CN' }),
  });
  if (!setup.ok) throw new Error(`setup failed: ${await setup.text()}`);
  const cookie = setup.headers.get('set-cookie').split(';')[0];
  const call = async (method, url, body) => {
    const response = await fetch(`${base}${url}`, { method, headers: { ...json, cookie }, body: body === undefined ? undefined : JSON.stringify(body) });
    const text = await response.text();
    const data = text ? JSON.parse(text) : null;
    if (!response.ok) throw new Error(`${method} ${url}: ${response.status} ${text.slice(0, 500)}`);
    return data;
  };

  const db = new pg.Client({ connectionString: database.url });
  await db.connect();
  stops.push(() => db.end());
  const server = (await db.query(`SELECT current_setting('server_version') AS v, current_setting('shared_buffers') AS sb, current_setting('synchronous_commit') AS sc`)).rows[0];
  const seedStart = performance.now();
  const people = await seedPeople(db, options.size);
  const seedMs = performance.now() - seedStart;

  const eventStart = Date.now() + 21 * 24 * 3600 * 1000;
  const event = await call('POST', '/api/v1/events', {
    title: '2027 工业智能峰会',
    format: 'hybrid',
    startsAt: new Date(eventStart).toISOString(),
    endsAt: new Date(eventStart + 8 * 3600 * 1000).toISOString(),
    timeZone: 'Asia/Shanghai',
    venue: { name: '上海国际会议中心 3 号厅', address: '上海市浦东新区滨江大道 2727 号' },
    capacity: null,
  });
  await call('POST', `/api/v1/events/${event.id}/status`, { status: 'scheduled' });
  const segment = await call('POST', '/api/v1/segments', {
    name: 'Everyone with an e-mail',
    target: 'contacts',
    filter: { kind: 'group', combinator: 'and', children: [{ kind: 'condition', field: 'contact.hasEmail', op: 'is_true' }] },
  });

  console.log(
    `mail benchmark · ${machine()} · PostgreSQL ${server.v} (shared_buffers ${server.sb}, synchronous_commit ${server.sc}) · ` +
      `${fmt(options.size)} invitations × ${options.rounds} rounds · ${options.workers} worker process(es)` +
      `${options.workerConcurrency > 0 ? ` (WORKER_CONCURRENCY=${options.workerConcurrency})` : ''} · BullMQ on ${options.queue} · ` +
      `TCP_NODELAY on the SMTP sockets of: ${{ baseline: 'the baseline', all: 'the baseline and the workers', none: 'neither' }[options.nodelay]}`,
  );
  console.log(
    `  contacts: ${fmt(people.n)} (${fmt(people.en)} English, ${fmt(people.execs)} executives) over ${fmt(Math.ceil(options.size / 8))} companies, ` +
      `written in ${(seedMs / 1000).toFixed(1)} s; setup ${((performance.now() - started) / 1000).toFixed(1)} s`,
  );

  // Database backends of this benchmark's database, for their CPU time. Pools close idle connections and
  // open new ones, so the backends are looked at every second: one that exits loses at most a second.
  const pgPids = async () => (await db.query(`SELECT pid FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()`)).rows.map((r) => r.pid);
  const pgCpu = {
    start: new Map(),
    last: new Map(),
    async begin() {
      this.start = new Map((await pgPids()).map((pid) => [pid, cpuSeconds(pid)]));
      this.last = new Map(this.start);
    },
    async look() {
      for (const pid of await pgPids()) {
        const cpu = cpuSeconds(pid);
        if (cpu > 0) this.last.set(pid, cpu);
        if (!this.start.has(pid)) this.start.set(pid, 0);
      }
    },
    total() {
      return [...this.last].reduce((sum, [pid, cpu]) => sum + cpu - (this.start.get(pid) ?? 0), 0);
    },
  };

  /** Waits until the sink has counted `expected` messages; samples the workers' RSS meanwhile. */
  async function waitForSink(expected, t0, label) {
    const rss = workerPids.map(() => ({ start: 0, peak: 0, end: 0, milestones: [] }));
    workerPids.forEach((pid, i) => (rss[i].start = rssKb(pid)));
    let stats = await sink.stats();
    let lastProgress = performance.now();
    let lastCount = -1;
    let milestone = 1;
    let looked = 0;
    for (;;) {
      if (performance.now() - looked > 1000) {
        looked = performance.now();
        await pgCpu.look();
      }
      workerPids.forEach((pid, i) => {
        const kb = rssKb(pid);
        rss[i].peak = Math.max(rss[i].peak, kb);
        if (stats.count >= (expected * milestone) / 10 && milestone <= 10) rss[i].milestones.push(kb);
      });
      if (stats.count >= (expected * milestone) / 10 && milestone <= 10) milestone += 1;
      if (stats.count >= expected) break;
      if (stats.count !== lastCount) {
        lastCount = stats.count;
        lastProgress = performance.now();
      } else if (performance.now() - lastProgress > 180_000) {
        throw new Error(`${label}: no message for 180 s at ${stats.count} of ${expected}`);
      }
      await sleep(250);
      stats = await sink.stats();
    }
    workerPids.forEach((pid, i) => (rss[i].end = rssKb(pid)));
    return { stats, rss, seconds: (stats.lastAt - t0) / 1000 };
  }

  /** Ours: a new campaign to the segment, started now; done when the sink has every invitation. */
  async function oursOnce(label, audience, expected, keep = 1) {
    const campaign = await call('POST', '/api/v1/campaigns', campaignBody(event.id, audience, `${label} · 2027 工业智能峰会邀请`));
    await sink.reset(keep);
    await sleep(200);
    await pgCpu.begin();
    const cpu0 = { workers: cpuOf(workerPids), perWorker: workerPids.map(cpuSeconds), api: cpuOf([api.child.pid]), sink: cpuOf([sinkProcess.child.pid]), redis: redisPid ? cpuOf([redisPid]) : 0 };
    const t0 = now();
    const scheduled = await call('POST', `/api/v1/campaigns/${campaign.id}/schedule`, {});
    const materialized = (now() - t0) / 1000;
    if (scheduled.status !== 'sending' && scheduled.status !== 'sent') throw new Error(`${label}: the campaign is ${scheduled.status}`);
    const result = await waitForSink(expected, t0, label);
    await pgCpu.look();
    const cpu = {
      workers: cpuOf(workerPids) - cpu0.workers,
      perWorker: workerPids.map((pid, i) => cpuSeconds(pid) - cpu0.perWorker[i]),
      api: cpuOf([api.child.pid]) - cpu0.api,
      sink: cpuOf([sinkProcess.child.pid]) - cpu0.sink,
      pg: pgCpu.total(),
      redis: redisPid ? cpuOf([redisPid]) - cpu0.redis : 0,
    };
    // The campaign ends as sent, with every invitation delivered once and none failed.
    let done;
    const deadline = Date.now() + 60_000;
    do {
      done = await call('GET', `/api/v1/campaigns/${campaign.id}`);
      if (done.status === 'sent') break;
      await sleep(250);
    } while (Date.now() < deadline);
    await sleep(500);
    const final = await sink.stats();
    if (done.status !== 'sent' || done.counts.sent !== expected || done.counts.failed || done.counts.skipped || final.count !== expected) {
      throw new Error(`${label}: campaign ${done.status}, counts ${JSON.stringify(done.counts)}, sink ${final.count} (expected ${expected})`);
    }
    return { ...result, materialized, firstAfter: (result.stats.firstAt - t0) / 1000, cpu, avgBytes: final.bytes / final.count, kept: final.samples };
  }

  // Baseline: pre-rendered invitations (as the sink received them), sent in a loop through nodemailer's pool.
  const prerendered = [];
  async function baselineOnce(expected) {
    const transport = nodemailer.createTransport({
      host: '127.0.0.1',
      port: smtpPort,
      secure: false,
      pool: true,
      maxConnections: 5,
      maxMessages: 500,
      // Nagle's algorithm off (unless --nodelay none): otherwise the message's last small write waits for
      // the sink's delayed ACK (40 ms) and the loop is bound by that wait, not by its work.
      ...(options.nodelay !== 'none' && {
        getSocket: (_options, callback) => {
          const socket = net.connect({ host: '127.0.0.1', port: smtpPort }, () => callback(null, { connection: socket }));
          socket.setNoDelay(true);
          socket.once('error', callback);
        },
      }),
    });
    await sink.reset();
    const cpu0 = process.cpuUsage();
    const sinkCpu0 = cpuOf([sinkProcess.child.pid]);
    const rss0 = process.memoryUsage.rss();
    let peak = rss0;
    const t0 = now();
    let next = 0;
    const loop = async () => {
      while (next < expected) {
        const i = next++;
        const message = prerendered[i % prerendered.length];
        await transport.sendMail({ ...message, to: `guest${i}@bench.example.com`, messageId: `<baseline-${i}@fulcrum>` });
        if ((i & 1023) === 0) peak = Math.max(peak, process.memoryUsage.rss());
      }
    };
    await Promise.all(Array.from({ length: options.concurrency }, loop));
    const loopEnd = now();
    let stats = await sink.stats();
    while (stats.count < expected) {
      await sleep(50);
      stats = await sink.stats();
    }
    transport.close();
    const cpu = process.cpuUsage(cpu0);
    return {
      seconds: (stats.lastAt - t0) / 1000,
      loopSeconds: (loopEnd - t0) / 1000,
      avgBytes: stats.bytes / stats.count,
      cpu: { sender: (cpu.user + cpu.system) / 1e6, sink: cpuOf([sinkProcess.child.pid]) - sinkCpu0 },
      rss: { start: rss0 / 1024, peak: Math.max(peak, process.memoryUsage.rss()) / 1024 },
    };
  }

  const perThousand = (seconds, n) => ((seconds * 1000) / n).toFixed(2);
  const describeOurs = (o, n) => {
    const mem = o.rss
      .map((r, i) => `worker ${i + 1} ${mb(r.start)} → peak ${mb(r.peak)} → end ${mb(r.end)} (at each 10%: ${r.milestones.map((kb) => Math.round(kb / 1024)).join(' ')})`)
      .join('; ');
    return (
      `${fmt(n / o.seconds)} msg/s (${o.seconds.toFixed(1)} s; schedule request ${o.materialized.toFixed(1)} s, first message at ${o.firstAfter.toFixed(1)} s; ` +
      `${(o.avgBytes / 1024).toFixed(1)} KB/msg)\n` +
      `    CPU s per 1,000 msgs: workers ${perThousand(o.cpu.workers, n)} (${o.cpu.perWorker.map((c) => perThousand(c, n)).join(' + ')}` +
      `${o.cpu.perWorker.length > 1 ? `: ${o.cpu.perWorker.filter((c) => c > 0.1 * o.cpu.workers).length} of ${o.cpu.perWorker.length} workers sent` : ''}) · PostgreSQL ${perThousand(o.cpu.pg, n)} · api ${perThousand(o.cpu.api, n)} · ` +
      `sink ${perThousand(o.cpu.sink, n)}${redisPid ? ` · redis ${perThousand(o.cpu.redis, n)}` : ''} · load ${os.loadavg().map((l) => l.toFixed(1)).join(' ')}\n` +
      `    RSS: ${mem}`
    );
  };
  const describeBaseline = (b, n) =>
    `${fmt(n / b.seconds)} msg/s (${b.seconds.toFixed(1)} s; ${(b.avgBytes / 1024).toFixed(1)} KB/msg); CPU s per 1,000 msgs: sender ${perThousand(b.cpu.sender, n)} · ` +
    `sink ${perThousand(b.cpu.sink, n)}; sender RSS ${Math.round(b.rss.start / 1024)} → peak ${Math.round(b.rss.peak / 1024)} MB`;

  // Warm-up: a small campaign to a pasted list of real contacts (JIT, pools, connections), whose
  // messages as received give the baseline its pre-rendered invitations.
  const warm = Math.min(options.warmup, options.size, 10_000);
  const list = (await db.query(`SELECT name, email FROM contacts ORDER BY md5(id::text) LIMIT $1`, [warm])).rows.map((r) => `${r.name} <${r.email}>`).join('\n');
  const warmup = await oursOnce('warm-up', { kind: 'list', text: list }, warm, 200);
  console.log(`warm-up, ours (${fmt(warm)} to a pasted list): ${describeOurs(warmup, warm)}`);
  const samples = [];
  for (let i = 0; i < warmup.kept; i++) samples.push(await sink.sample(i));
  for (const message of samples) {
    const mail = await simpleParser(message, { keepCidLinks: true });
    const header = (name) => mail.headerLines.find((h) => h.key === name)?.line.slice(name.length + 1).trim();
    prerendered.push({
      from: 'Fulcrum Events <events@fulcrum.example.com>',
      subject: mail.subject,
      html: mail.html,
      text: mail.text,
      headers: { 'List-Unsubscribe': header('list-unsubscribe'), 'List-Unsubscribe-Post': header('list-unsubscribe-post'), 'X-Fulcrum-Campaign': header('x-fulcrum-campaign') },
    });
  }
  await sleep(2000);
  const warmBaseline = await baselineOnce(warm);
  console.log(`warm-up, baseline: ${describeBaseline(warmBaseline, warm)} · ${prerendered.length} distinct pre-rendered invitations`);

  const baseline = [];
  const ours = [];
  const memory = [];
  for (let r = 1; r <= options.rounds; r++) {
    const b = await baselineOnce(options.size);
    baseline.push(options.size / b.seconds);
    console.log(`round ${r}: baseline ${describeBaseline(b, options.size)}`);
    const o = await oursOnce(`round ${r}`, { kind: 'segment', segmentId: segment.id }, options.size);
    ours.push(options.size / o.seconds);
    memory.push(o.rss);
    console.log(`round ${r}: ours ${describeOurs(o, options.size)}`);
  }
  const lastRss = memory.at(-1);
  console.log(
    `median of ${options.rounds}: baseline ${fmt(median(baseline))} msg/s, ours ${fmt(median(ours))} msg/s; worker RSS over all rounds: ` +
      workerPids.map((_, i) => `worker ${i + 1} ${mb(memory[0][i].start)} at the first start, peak ${mb(Math.max(...memory.map((m) => m[i].peak)))}, ${mb(lastRss[i].end)} at the last end`).join('; '),
  );
  summary('mail', median(ours), median(baseline), 'messages/s');
} finally {
  for (const stop of stops) await stop().catch(() => undefined);
  await database.drop();
  fs.rmSync(dataDir, { recursive: true, force: true });
}
