import { SYSTEM_ACTOR, ROLES, type Role } from '../../platform/auth/actor.ts';
import { createApiToken, createUser, revokeApiToken } from '../../modules/auth/auth.commands.ts';
import { AppError } from '../../platform/errors.ts';
import { str, withDatabase, type Command } from '../command.ts';

const cliMeta = () => ({ actor: { ...SYSTEM_ACTOR, name: 'cli' }, now: new Date() });

export const userCreate: Command = {
  name: 'user create',
  summary: 'Create an account (the first office account of a production install)',
  usage:
    'phaseout user create --username NAME --role office|department|territory|government|bank [--territory CODE] [--department CODE] [--display-name TEXT]\n' +
    '                     password from PHASEOUT_PASSWORD, or --password (visible in the process list)',
  options: {
    username: { type: 'string' },
    role: { type: 'string' },
    territory: { type: 'string' },
    department: { type: 'string' },
    'display-name': { type: 'string' },
    password: { type: 'string' },
  },
  async run({ values }) {
    const username = str(values.username);
    const role = str(values.role);
    const password = str(values.password) ?? process.env.PHASEOUT_PASSWORD;
    if (!username || !role || !password || !ROLES.includes(role as Role)) {
      console.error(`usage: ${this.usage}`);
      return 2;
    }
    return withDatabase(async ({ db }) => {
      try {
        const id = await createUser(
          db,
          {
            username,
            role: role as Role,
            territoryCode: str(values.territory) ?? null,
            departmentCode: str(values.department) ?? null,
            displayName: str(values['display-name']) ?? username,
            password,
          },
          cliMeta(),
        );
        console.log(`created user ${username} (id ${id}, role ${role})`);
      } catch (e) {
        if (e instanceof AppError) {
          console.error(`refused: ${e.code} ${JSON.stringify(e.details ?? {})}`);
          return 1;
        }
        throw e;
      }
    });
  },
};

export const tokenCreate: Command = {
  name: 'token create',
  summary: 'Create an API token for a user and print it (Authorization: Bearer …)',
  usage: 'phaseout token create --user NAME [--name LABEL]',
  options: { user: { type: 'string' }, name: { type: 'string' } },
  async run({ values }) {
    const username = str(values.user);
    if (!username) {
      console.error(`usage: ${this.usage}`);
      return 2;
    }
    return withDatabase(
      async ({ db }) => {
        const u = await db.selectFrom('app_user').select(['id', 'disabled_at']).where('username', '=', username).executeTakeFirst();
        if (!u || u.disabled_at) {
          console.error(`no active user named ${username}`);
          return 1;
        }
        const t = await createApiToken(db, u.id, str(values.name) ?? 'cli', cliMeta());
        console.log(t.token);
      },
      { seed: false },
    ); // an account exists, so the reference data was loaded: a token needs no seeding
  },
};

export const tokenRevoke: Command = {
  name: 'token revoke',
  summary: 'Revoke an API token by id',
  usage: 'phaseout token revoke --id N',
  options: { id: { type: 'string' } },
  async run({ values }) {
    const id = Number(str(values.id));
    if (!Number.isInteger(id) || id <= 0) {
      console.error(`usage: ${this.usage}`);
      return 2;
    }
    return withDatabase(
      async ({ db }) => {
        await revokeApiToken(db, id, null, cliMeta());
        console.log(`token ${id} revoked`);
      },
      { seed: false },
    );
  },
};
