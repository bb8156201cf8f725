#!/usr/bin/env node
// Prepares a team database for Liuke's team sync on a CouchDB (Apache CouchDB 3.x, a
// hosted CouchDB-compatible service, or PouchDB Server), given an administrator's name
// and password: creates the database, makes the given users its members (and only
// them), installs the rules every write must pass, and, if asked, lets the app's
// site talk to the server (CORS).
//
//   LIUKE_ADMIN_PASSWORD=… node scripts/prepare-team-db.mjs \
//     --server https://couch.example.com --database liuke-team \
//     --admin admin --members li-lei,wang-fang [--origin https://app.example.com]
//
// Without --admin nothing signs in: only for a server still in "admin party" (a test).
//
// Run it again at any time: each step leaves what is already right as it is.
// Users themselves are created on the server (Fauxton, or PUT /_users/org.couchdb.user:NAME).

const KINDS = [
  'customer', 'contact', 'staff', 'relationship', 'order', 'interaction', 'complaint',
  'survey', 'signal', 'key_date', 'task', 'handover', 'instalment', 'winback_case',
  'announcement',
];

// Runs on the server for every write, whoever makes it: only documents the app writes
// get in (a record named kind:id holding the record of that id, a device's claim, the
// team settings), so a mistaken or hostile client cannot fill the team book with
// anything else. Roles (who may do what) are added here as the app gains them.
const VALIDATE = `function (newDoc, oldDoc, userCtx, secObj) {
  var id = newDoc._id;
  var record = /^(${KINDS.join('|')}):([1-9][0-9]{0,15})$/.exec(id);
  var device = /^device:[1-9][0-9]{0,9}$/.test(id);
  if (!record && !device && id !== 'settings:team') {
    throw({ forbidden: 'not a document of Liuke: ' + id });
  }
  if (newDoc._deleted) { return; }
  if (record && String(newDoc.id) !== record[2]) {
    throw({ forbidden: id + ': the record inside names id ' + newDoc.id });
  }
}`;

function parse(argv) {
  const args = {};
  for (let i = 0; i < argv.length; i += 1) {
    const key = argv[i];
    if (!key.startsWith('--')) throw new Error(`unexpected argument: ${key}`);
    args[key.slice(2)] = argv[i + 1];
    i += 1;
  }
  for (const needed of ['server', 'database', 'members']) {
    if (!args[needed]) throw new Error(`--${needed} is required`);
  }
  if (!/^[a-z][a-z0-9_$()+/-]*$/.test(args.database)) {
    throw new Error(`database names start with a lowercase letter: ${args.database}`);
  }
  return {
    server: args.server.replace(/\/+$/, ''),
    database: args.database,
    admin: args.admin,
    password: process.env.LIUKE_ADMIN_PASSWORD ?? '',
    members: args.members.split(',').map((m) => m.trim()).filter(Boolean),
    origin: args.origin,
  };
}

async function request(options, method, path, body) {
  const headers = { 'content-type': 'application/json' };
  if (options.admin) {
    headers.authorization = 'Basic ' + Buffer.from(`${options.admin}:${options.password}`).toString('base64');
  }
  const response = await fetch(options.server + path, {
    method,
    headers,
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const json = await response.json().catch(() => null);
  return { status: response.status, body: json };
}

function fail(step, answer) {
  throw new Error(`${step}: the server answered ${answer.status} ${JSON.stringify(answer.body)}`);
}

/** Sets a server setting on CouchDB 3 (per node) or on PouchDB Server / CouchDB 1. */
async function setConfig(options, section, key, value) {
  for (const base of ['/_node/_local/_config', '/_config']) {
    const answer = await request(options, 'PUT', `${base}/${section}/${key}`, value);
    if (answer.status === 200) return;
    if (answer.status !== 404 && answer.status !== 400) fail(`setting ${section}/${key}`, answer);
  }
  throw new Error(`setting ${section}/${key}: this server has no configuration API`);
}

async function main() {
  const options = parse(process.argv.slice(2));
  const db = `/${encodeURIComponent(options.database)}`;

  const created = await request(options, 'PUT', db);
  if (created.status === 201) console.log(`created the database ${options.database}`);
  else if (created.status === 412) console.log(`the database ${options.database} is there already`);
  else fail('creating the database', created);

  const security = {
    admins: { names: [], roles: [] },
    members: { names: options.members, roles: [] },
  };
  const secured = await request(options, 'PUT', `${db}/_security`, security);
  if (secured.status !== 200) fail('setting the members', secured);
  console.log(`members: ${options.members.join(', ')}`);

  const id = '_design/liuke';
  const current = await request(options, 'GET', `${db}/${id}`);
  const design = { _id: id, validate_doc_update: VALIDATE };
  if (current.status === 200) design._rev = current.body._rev;
  if (current.status === 200 && current.body.validate_doc_update === VALIDATE) {
    console.log('the rules are there already');
  } else {
    const installed = await request(options, 'PUT', `${db}/${id}`, design);
    if (installed.status !== 201) fail('installing the rules', installed);
    console.log('installed the rules every write must pass');
  }

  if (options.origin) {
    await setConfig(options, 'httpd', 'enable_cors', 'true');
    await setConfig(options, 'chttpd', 'enable_cors', 'true').catch(() => {});
    await setConfig(options, 'cors', 'origins', options.origin);
    await setConfig(options, 'cors', 'credentials', 'true');
    await setConfig(options, 'cors', 'methods', 'GET, PUT, POST, HEAD, DELETE');
    await setConfig(options, 'cors', 'headers', 'accept, authorization, content-type, origin, referer');
    console.log(`the app at ${options.origin} may talk to this server (CORS)`);
  }
}

main().catch((error) => {
  console.error(`prepare-team-db: ${error.message}`);
  process.exit(1);
});
