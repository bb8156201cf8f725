#!/usr/bin/env node
// Prepares a team database for Liuke's team sync on a CouchDB (Apache CouchDB 3.x, a
// hosted CouchDB-compatible service, or PouchDB Server), given an administrator's name
// and password: creates the database, makes the given users its members (and only
// them), installs the rules every write must pass, and, if asked, lets the app's
// site talk to the server (CORS).
//
//   LIUKE_ADMIN_PASSWORD=… node scripts/prepare-team-db.mjs \
//     --server https://couch.example.com --database liuke-team \
//     --admin admin --members li-lei,wang-fang [--managers wang-fang] \
//     [--origin https://app.example.com]
//
// Managers (--managers) are members too, and get the role liuke-manager on the server;
// every other member is a rep (see the rules below).
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
// anything else. Roles (数据权限): a user with the role liuke-manager (or a server
// administrator) may change anything; any other member is a rep, who may not delete a
// customer, move an owner (only take a customer for themselves, or give their own
// back), make handovers (apply a rotation plan) or change the team settings. The app
// checks the same rules before it saves (crates/engine/src/sync/role.rs) and reads
// the reasons below. Who a rep is comes from the change's stamp ("changed"), which
// must be the user's own; the server cannot read one document from another, so what
// that needs (a pool claim's cap and bar) is checked on the device only.
const VALIDATE = `function (newDoc, oldDoc, userCtx, secObj) {
  var id = newDoc._id;
  var record = /^(${KINDS.join('|')}):([1-9][0-9]{0,15})$/.exec(id);
  var device = /^device:[1-9][0-9]{0,9}$/.test(id);
  if (!record && !device && id !== 'settings:team') {
    throw({ forbidden: 'not a document of Liuke: ' + id });
  }
  var roles = userCtx.roles || [];
  var manager = roles.indexOf('liuke-manager') !== -1 || roles.indexOf('_admin') !== -1;
  if (!manager) {
    var kind = record ? record[1] : null;
    var live = oldDoc && !oldDoc._deleted;
    var owner = function (doc) {
      return doc && !doc._deleted && (doc.role || 'owner') === 'owner';
    };
    if (id === 'settings:team' && live) {
      throw({ forbidden: 'liuke:team-settings' });
    }
    if (kind === 'customer' && newDoc._deleted && live) {
      throw({ forbidden: 'liuke:delete-customer' });
    }
    if (kind === 'handover' && (newDoc._deleted ? live : !live)) {
      throw({ forbidden: 'liuke:rotation' });
    }
    if (kind === 'relationship' && (owner(oldDoc) || owner(newDoc))) {
      if (newDoc._deleted) {
        throw({ forbidden: 'liuke:owner' });
      }
      var stamp = newDoc.changed || {};
      if (stamp.by !== userCtx.name || typeof stamp.staff !== 'number') {
        throw({ forbidden: 'liuke:who-am-i' });
      }
      if ((owner(oldDoc) && oldDoc.staff !== stamp.staff) || (owner(newDoc) && newDoc.staff !== stamp.staff)) {
        throw({ forbidden: 'liuke:owner' });
      }
    }
  }
  if (newDoc._deleted) { return; }
  if (record && String(newDoc.id) !== record[2]) {
    throw({ forbidden: id + ': the record inside names id ' + newDoc.id });
  }
}`;

function list(text) {
  return (text ?? '').split(',').map((m) => m.trim()).filter(Boolean);
}

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
    members: list(args.members),
    managers: list(args.managers),
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

  const members = [...new Set([...options.members, ...options.managers])];
  const security = {
    admins: { names: [], roles: [] },
    members: { names: members, roles: [] },
  };
  const secured = await request(options, 'PUT', `${db}/_security`, security);
  if (secured.status !== 200) fail('setting the members', secured);
  console.log(`members: ${members.join(', ')}`);

  for (const name of options.managers) {
    const path = `/_users/${encodeURIComponent(`org.couchdb.user:${name}`)}`;
    const user = await request(options, 'GET', path);
    if (user.status === 404) throw new Error(`no user ${name} on the server: create the user first`);
    if (user.status !== 200) fail(`reading the user ${name}`, user);
    const roles = user.body.roles ?? [];
    if (roles.includes('liuke-manager')) {
      console.log(`${name} is a manager already`);
      continue;
    }
    const updated = await request(options, 'PUT', path, { ...user.body, roles: [...roles, 'liuke-manager'] });
    if (updated.status !== 201 && updated.status !== 200) fail(`making ${name} a manager`, updated);
    console.log(`${name} is a manager`);
  }

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
